package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Compares two directory trees: the same entries, types, bytes, modes, link targets and file times. */
public final class Trees {
    private Trees() {
    }

    /** Asserts that {@code actual} is a faithful copy of {@code expected}. */
    public static void assertSameTree(Path expected, Path actual) throws IOException {
        List<String> left = relativePaths(expected);
        List<String> right = relativePaths(actual);
        assertEquals(left, right, "entries");
        for (String rel : left) {
            Path a = expected.resolve(rel);
            Path b = actual.resolve(rel);
            if (Files.isSymbolicLink(a)) {
                assertEquals(Files.readSymbolicLink(a), Files.readSymbolicLink(b), rel + " link target");
                continue;
            }
            assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(a, LinkOption.NOFOLLOW_LINKS)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(b, LinkOption.NOFOLLOW_LINKS)),
                    rel + " mode");
            if (Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS)) {
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), rel + " content");
                assertEquals(Files.getLastModifiedTime(a), Files.getLastModifiedTime(b), rel + " mtime");
            } else {
                assertEquals(Files.isDirectory(a), Files.isDirectory(b), rel + " type");
            }
        }
    }

    private static List<String> relativePaths(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
        }
        out.sort(null);
        return out;
    }
}

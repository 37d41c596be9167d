package io.firedrill.core.process;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Server binaries unpacked once into a cache directory ({@code cacheRoot/<key>}), atomically: the files are written
 * into a temporary directory next to it, which is renamed into place, so concurrent JVMs never see nor leave a
 * half-unpacked tree, and the loser of a race uses the winner's tree. Directories end up readable and searchable by
 * every user, so a server run as an unprivileged user can reach its programs.
 */
public final class UnpackedTree {
    /** Writes the unpacked files under an empty directory. */
    @FunctionalInterface
    public interface Extraction {
        /** Unpacks into {@code root}. */
        void into(Path root) throws IOException;
    }

    private UnpackedTree() {
    }

    /**
     * The directory {@code cacheRoot/<key>}, unpacked now by {@code extraction} unless {@code marker} (a relative
     * path, such as {@code bin/postgres}) already exists there.
     *
     * @throws IOException when the cache is not writable or the extraction fails; nothing half-done is left
     */
    public static Path unpack(Path cacheRoot, String key, String marker, Extraction extraction) throws IOException {
        Path target = cacheRoot.resolve(key);
        if (Files.exists(target.resolve(marker))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        Path partial = Files.createTempDirectory(cacheRoot, key + ".partial-");
        try {
            extraction.into(partial);
            try (Stream<Path> all = Files.walk(partial)) {
                for (Path dir : (Iterable<Path>) all.filter(Files::isDirectory)::iterator) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
                    mode.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                            PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(dir, mode);
                }
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + partial + " atomically", e);
            } catch (IOException e) {
                // rename(2) onto a non-empty directory fails with ENOTEMPTY or EEXIST, which Java reports as a plain
                // FileSystemException: when another process or thread unpacked the same tree first, use theirs.
                if (!Files.exists(target.resolve(marker))) {
                    throw e;
                }
            }
            return target;
        } finally {
            if (partial != null) {
                try {
                    PathUtils.deleteDirectory(partial);
                } catch (IOException ignored) {
                    // best effort: a leftover partial directory is never used
                }
            }
        }
    }

    /** {@code name} resolved under {@code root}; an archive entry that would land outside it is refused. */
    public static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || Path.of(name).isAbsolute()) {
            throw new IOException("archive entry " + name + " points outside the archive");
        }
        return path;
    }

    /** A file mode with read (and, where the owner may execute, execute) added for group and others. */
    public static Set<PosixFilePermission> readableByAll(int mode) {
        int result = mode & 0777 | 0044;
        if ((mode & 0100) != 0) {
            result |= 0011;
        }
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = result >> shift & 7;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }
}

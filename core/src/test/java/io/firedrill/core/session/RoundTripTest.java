package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.ReadData;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);

    @TempDir
    Path dir;

    @Test
    void backsUpAndRestoresATree() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello");
        Files.createDirectories(source.resolve("sub/deeper"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(big);
        Files.write(source.resolve("sub/big.bin"), big);
        Files.write(source.resolve("sub/zeros.bin"), new byte[2 * 1024 * 1024]);
        Files.createFile(source.resolve("sub/deeper/empty"));
        Files.createSymbolicLink(source.resolve("link"), Path.of("a.txt"));

        try (Firedrill fd = Firedrill.configure().repository(dir.resolve("repo")).passphrase("pw".toCharArray())
                .init(Encryption.passphrase("pw".toCharArray()).withKdf(FAST_KDF))) {
            BackupResult first = fd.backup().directory(source).run();
            assertEquals(4, first.backup().stats().files());
            RestoreResult restored = fd.restore().to(dir.resolve("restored")).run();
            assertEquals(first.backup().id(), restored.backup());
            Trees.assertSameTree(source, dir.resolve("restored"));
            BackupResult second = fd.backup().directory(source).run();
            // Nothing changed: only the manifest's first blob (it names the new backup id) is new.
            assertTrue(second.backup().stats().newBlobs() <= 1, second.backup().stats().toString());
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
            assertEquals(2, fd.list().size());
        }
    }
}

package io.firedrill.examples.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.ReadData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user meets it: nothing registered by hand, a {@code fanout:} URI, and the provider found through
 * its {@code META-INF/services} file. A backup, a verify and a restore go through it, and its objects are spread
 * over hashed sub-directories.
 */
class FanOutPluginTest {
    private static final char[] SECRET = "plugin test".toCharArray();

    @Test
    void aBackupRoundTripsThroughTheDiscoveredPlugin(@TempDir Path work) throws IOException {
        Path data = Files.createDirectories(work.resolve("data/sub"));
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(bytes);
        Files.write(data.resolve("big.bin"), bytes);
        Files.writeString(work.resolve("data/notes.txt"), "hello, plugin");
        String uri = "fanout:" + work.resolve("repository");

        try (Firedrill firedrill = Firedrill.configure().repository(uri)
                .init(Encryption.passphrase(SECRET).withKdf(new Encryption.KdfStrength(64, 1, 1)))) {
            assertEquals(uri, firedrill.repository().location());
            firedrill.backup().directory(work.resolve("data")).run();
        }
        try (Firedrill firedrill = Firedrill.configure().repository(uri).passphrase(SECRET).load()) {
            List<BackupInfo> backups = firedrill.list();
            assertEquals(1, backups.size());
            assertTrue(firedrill.verify().readData(ReadData.all()).run().healthy());
            firedrill.restore().backup(backups.get(0).id()).to(work.resolve("restored")).run();
        }
        assertArrayEquals(bytes, Files.readAllBytes(work.resolve("restored/sub/big.bin")));
        assertEquals("hello, plugin", Files.readString(work.resolve("restored/notes.txt")));
        try (Stream<Path> buckets = Files.list(work.resolve("repository"))) {
            List<String> names = buckets.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.size() > 3 && names.stream().allMatch(n -> n.matches("[0-9a-f]{2}")), names.toString());
        }
    }
}

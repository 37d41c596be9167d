package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups taken within the same second still list oldest first, and latest() is the last one taken. */
class CatalogOrderTest {
    @TempDir
    Path dir;

    @Test
    void backupsInOneSecondListInTheOrderTaken() throws Exception {
        String name = "order-" + UUID.randomUUID();
        Path source = Files.createDirectories(dir.resolve("source"));
        List<BackupId> taken = new ArrayList<>();
        try (Firedrill fd = Firedrill.configure().repository("mem:" + name).init(Encryption.none())) {
            for (int i = 0; i < 6; i++) {
                Files.writeString(source.resolve("version.txt"), "version " + i);
                taken.add(fd.backup().directory(source).run().backup().id());
            }
            assertEquals(taken, fd.list().stream().map(BackupInfo::id).toList());
            Path restored = dir.resolve("restored");
            assertEquals(taken.get(5), fd.restore().latest().to(restored).run().backup());
            assertEquals("version 5", Files.readString(restored.resolve("version.txt")));
        } finally {
            MemoryStorageProvider.discard(name);
        }
    }

    @Test
    void latestRefusesToSkipADamagedNewerBackup() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path repository = dir.resolve("repository");
        BackupId newest;
        try (Firedrill fd = Firedrill.configure().repository(repository).init(Encryption.none())) {
            Files.writeString(source.resolve("a.txt"), "old");
            fd.backup().directory(source).run();
            Thread.sleep(1100);
            Files.writeString(source.resolve("a.txt"), "new");
            newest = fd.backup().directory(source).run().backup().id();
        }
        Path entry = repository.resolve("backups").resolve(newest.value());
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(entry, bytes);
        try (Firedrill fd = Firedrill.configure().repository(repository).load()) {
            CorruptObjectException e = assertThrows(CorruptObjectException.class,
                    () -> fd.restore().latest().to(dir.resolve("restored")).run());
            assertEquals("backups/" + newest.value(), e.objectName());
            assertTrue(e.getMessage().contains("restore that one by id"), e.getMessage());
        }
    }
}

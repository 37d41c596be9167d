package io.firedrill.core.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.ReadData;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.spi.LogStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.storage.file.FileStorage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLogStoreTest {
    private static final String STREAM = "postgres-7301234567890123456";
    private static final char[] PASS = "log store test".toCharArray();

    @TempDir
    Path dir;
    private Path repo;
    private RepositoryLogStore logs;

    @BeforeEach
    void create() {
        repo = dir.resolve("repo");
        Firedrill.configure().repository(repo).passphrase(PASS)
                .init(Encryption.passphrase(PASS).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        logs = new RepositoryLogStore(Repository.open(new FileStorage(repo),
                Firedrill.configure().repository(repo).passphrase(PASS).build()));
    }

    private static byte[] segment(long seed) {
        byte[] bytes = new byte[16 * 1024 * 1024];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void archivesFetchesAndListsSegments() throws Exception {
        byte[] wal = segment(1);
        assertEquals(LogStore.PutOutcome.STORED, logs.put(STREAM, "000000010000000000000003", new ByteArrayInputStream(wal)));
        assertEquals(LogStore.PutOutcome.STORED, logs.put(STREAM, "00000002.history",
                new ByteArrayInputStream("1\t0/3000000\tno recovery target specified\n".getBytes())));
        assertEquals(16 * 1024 * 1024, logs.find(STREAM, "000000010000000000000003").orElseThrow().size());
        Path target = dir.resolve("pg_wal/RECOVERYXLOG");
        Files.createDirectories(target.getParent());
        logs.fetch(STREAM, "000000010000000000000003", target);
        assertArrayEquals(wal, Files.readAllBytes(target));
        assertEquals(2, logs.list(STREAM).size());
        assertEquals("00000002.history", logs.list(STREAM).get(1).name());
        assertThrows(ObjectNotFoundException.class, () -> logs.fetch(STREAM, "000000010000000000000004", target));
    }

    @Test
    void identicalContentIsAcceptedAndDifferentContentRefused() {
        byte[] wal = segment(2);
        logs.put(STREAM, "000000010000000000000005", new ByteArrayInputStream(wal));
        assertEquals(LogStore.PutOutcome.ALREADY_PRESENT,
                logs.put(STREAM, "000000010000000000000005", new ByteArrayInputStream(wal)));
        FiredrillException e = assertThrows(FiredrillException.class,
                () -> logs.put(STREAM, "000000010000000000000005", new ByteArrayInputStream(segment(3))));
        assertEquals(ErrorCode.LOG_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
    }

    @Test
    void partialFilesAreReplaced() throws Exception {
        logs.put(STREAM, "000000010000000000000006.partial", new ByteArrayInputStream(new byte[] {1, 2}));
        assertEquals(LogStore.PutOutcome.REPLACED,
                logs.put(STREAM, "000000010000000000000006.partial", new ByteArrayInputStream(new byte[] {1, 2, 3})));
        Path target = dir.resolve("partial");
        logs.fetch(STREAM, "000000010000000000000006.partial", target);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    @Test
    void namesAreValidated() {
        assertThrows(InvalidConfigurationException.class,
                () -> logs.put("../etc", "x", new ByteArrayInputStream(new byte[0])));
        assertThrows(InvalidConfigurationException.class,
                () -> logs.put(STREAM, "../../config", new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void pruneKeepsArchivedLogsAndVerifyChecksThem() throws Exception {
        byte[] wal = segment(4);
        logs.put(STREAM, "000000010000000000000007", new ByteArrayInputStream(wal));
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.writeString(source.resolve("a"), "a");
        try (Firedrill fd = Firedrill.configure().repository(repo).passphrase(PASS).load()) {
            fd.backup().directory(source).run();
            fd.backup().directory(source).run();
            fd.prune().policy(RetentionPolicy.builder().keepLast(1).build()).run();
            assertTrue(fd.verify().readData(ReadData.all()).run().healthy());
        }
        Path target = dir.resolve("after-prune");
        logs.fetch(STREAM, "000000010000000000000007", target);
        assertArrayEquals(wal, Files.readAllBytes(target));
    }
}

package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Chunking;
import io.firedrill.api.DrillReport;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.LogicalBackup;
import io.firedrill.api.spi.LogicalRestore;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.api.spi.Recovery;
import io.firedrill.api.spi.StreamSink;
import io.firedrill.api.spi.StreamSource;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logical backups through the engine SPI, with an engine that dumps generated "tables" as streams from two
 * threads: what the core stores, deduplicates, restores, verifies and drills, without a database.
 */
class LogicalBackupTest {
    private static final int TABLES = 6;
    private static final int TABLE_BYTES = 3 * Harness.MIB;

    @TempDir
    Path dir;

    /** The "database": one byte array per table, edited between backups. */
    private final Map<String, byte[]> tables = new ConcurrentHashMap<>();
    /** What the last load received, by schema-renamed stream name. */
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();
    private volatile LogicalRestore lastRestore;
    private volatile Map<String, String> backupOptions;
    private volatile boolean leaveStreamOpen;
    /** Threads the fake engine dumps tables from; streams dumped at once interleave their chunks in packs. */
    private volatile int dumpThreads = 2;
    private volatile int checks;

    LogicalBackupTest() {
        Random random = new Random(42);
        for (int t = 0; t < TABLES; t++) {
            byte[] rows = new byte[TABLE_BYTES];
            random.nextBytes(rows);
            tables.put("shop/t" + t + ".rows", rows);
        }
    }

    @Test
    void streamsRoundTripDeduplicateAndVerify() {
        MemoryStorage storage = new MemoryStorage("logical");
        try (Firedrill fd = configure(storage)) {
            BackupInfo first = fd.backup().database("jdbc:fake://db").run().backup();
            assertEquals("fake-logical", first.kind());
            assertEquals(TABLES, first.stats().files());
            assertEquals("7", first.metadata().get("snapshot"));

            byte[] edited = tables.get("shop/t3.rows");
            for (int i = 0; i < 2000; i++) {
                edited[1_000_000 + i] ^= 0x5a;
            }
            BackupInfo second = fd.backup().database("jdbc:fake://db").run().backup();
            // One edited region changes the chunk holding it and at most the next one (boundaries resynchronise):
            // at most two maximum-size chunks, whatever the repository's chunking key puts where.
            long maxChunk = io.firedrill.api.Chunking.defaults().streamMaxSize();
            assertTrue(second.stats().newBytes() <= 2 * maxChunk
                            && second.stats().newBytes() < first.stats().newBytes() / 2,
                    "one edited region stores a chunk or two, not the tables again: " + second.stats());

            RestoreResult restored = fd.restore().backup(second.id()).intoServer("jdbc:fake://other?password=x")
                    .renameSchema("shop", "shop_copy").run();
            assertEquals(TABLES, restored.files());
            assertEquals((long) TABLES * TABLE_BYTES, restored.bytes());
            assertEquals("jdbc:fake://other?password=x", lastRestore.server().orElseThrow());
            assertEquals(Map.of("shop", "shop_copy"), lastRestore.renames());
            tables.forEach((name, bytes) -> assertArrayEquals(bytes, loaded.get(name), name));
            assertTrue(fd.verify().readData(io.firedrill.api.ReadData.all()).run().healthy());
        }
    }

    /**
     * Streams dumped one after the other lie in their packs chunk after chunk (give or take the order the backup's
     * workers finish neighbouring chunks), so a restore reads them a run of chunks at a time. Streams dumped at
     * the same time interleave in their packs and get shorter runs; the round trip above covers them.
     */
    @Test
    void aStreamReadsTheChunksThatLieBackToBackInAPackTogether() {
        dumpThreads = 1;
        RecordingStorage storage = new RecordingStorage(new MemoryStorage("logical-reads"));
        try (Firedrill fd = Harness.configure(storage).engineProvider(new FakeProvider()).packSize(16 * Harness.MIB)
                .chunking(new Chunking(Harness.CHUNK, 16 * 1024, 64 * 1024, 256 * 1024))
                .init(io.firedrill.api.Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF))) {
            BackupInfo backup = fd.backup().database("jdbc:fake://db").run().backup();
            long chunks = backup.stats().newBlobs();
            storage.reset();
            fd.restore().backup(backup.id()).intoServer("jdbc:fake://other").run();
            tables.forEach((name, bytes) -> assertArrayEquals(bytes, loaded.get(name), name));
            long reads = storage.reads("data/");
            // Each 3 MiB stream fits one 8 MiB read-ahead window: one read per stream, plus one where a stream
            // crosses into the next pack, plus the manifest's.
            assertTrue(reads <= 2L * TABLES, "restoring " + chunks + " stream chunks of " + TABLES
                    + " streams read packs " + reads + " times");
        }
    }

    @Test
    void aRestoreIntoANewServerAndADrillReachTheEngine() {
        MemoryStorage storage = new MemoryStorage("logical-drill");
        try (Firedrill fd = configure(storage)) {
            BackupInfo backup = fd.backup().database("jdbc:fake://db").run().backup();
            RestoreResult restored = fd.restore().backup(backup.id()).to(dir.resolve("new"))
                    .recover(RecoveryTarget.latest()).startServer(3399).run();
            assertEquals(dir.resolve("new"), lastRestore.directory());
            assertEquals(OptionalInt.of(3399), lastRestore.port());
            assertEquals("loaded " + TABLES + " streams", restored.recovery().orElseThrow().reached());

            DrillReport drill = fd.drill().backup(backup.id()).run();
            assertEquals(List.of("load", "check", "stop"), drill.steps().stream().map(DrillReport.Step::name)
                    .toList());
            assertEquals(1, checks);
        }
    }

    @Test
    void engineOptionsReachTheEngineAndDirectoryOperationsRefuseThem() throws IOException {
        MemoryStorage storage = new MemoryStorage("logical-options");
        try (Firedrill fd = configure(storage)) {
            BackupInfo backup = fd.backup().database("jdbc:fake://db").option("threads", "1").option("threads", "3")
                    .option("accounts", "true").run().backup();
            assertEquals(Map.of("threads", "3", "accounts", "true"), backupOptions);
            fd.restore().backup(backup.id()).intoServer("jdbc:fake://other").option("restore.deferIndexes", "false")
                    .run();
            assertEquals(Map.of("restore.deferIndexes", "false"), lastRestore.options());
            fd.drill().backup(backup.id()).option("basedir", "/opt/db").run();
            assertEquals(Map.of("basedir", "/opt/db"), lastRestore.options());
            fd.backup().database("jdbc:fake://db").run();
            assertEquals(Map.of(), backupOptions);

            Path source = java.nio.file.Files.createDirectories(dir.resolve("plain"));
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> fd.backup().directory(source).option("threads", "2").run());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains("directory backup") && e.getMessage().contains("threads"),
                    e.getMessage());
            BackupInfo plain = fd.backup().directory(source).run().backup();
            e = assertThrows(FiredrillException.class,
                    () -> fd.restore().backup(plain.id()).to(dir.resolve("out")).option("x", "1").run());
            assertTrue(e.getMessage().contains("directory backup"), e.getMessage());
            e = assertThrows(FiredrillException.class, () -> fd.drill().backup(plain.id()).option("x", "1").run());
            assertTrue(e.getMessage().contains("directory backup"), e.getMessage());
            assertThrows(FiredrillException.class, () -> fd.backup().option(" ", "1"));
        }
    }

    @Test
    void aStreamLeftOpenFailsTheBackupAndCommitsNothing() {
        MemoryStorage storage = new MemoryStorage("logical-open");
        try (Firedrill fd = configure(storage)) {
            leaveStreamOpen = true;
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> fd.backup().database("jdbc:fake://db").run());
            assertEquals(ErrorCode.ENGINE_FAILURE, e.code());
            assertEquals(List.of(), fd.list());
        }
    }

    @Test
    void aDirectoryBackupCannotBeRestoredIntoAServer() {
        MemoryStorage storage = new MemoryStorage("logical-dir");
        try (Firedrill fd = configure(storage)) {
            Path source = dir.resolve("src");
            try {
                java.nio.file.Files.createDirectories(source);
                java.nio.file.Files.write(source.resolve("a"), new byte[10]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BackupInfo backup = fd.backup().directory(source).run().backup();
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> fd.restore().backup(backup.id()).intoServer("jdbc:fake://x").run());
            assertTrue(e.getMessage().contains("directory backup"), e.getMessage());
        }
    }

    private Firedrill configure(MemoryStorage storage) {
        return Harness.configure(storage).engineProvider(new FakeProvider())
                .init(io.firedrill.api.Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF));
    }

    /** Dumps every table from {@link #dumpThreads} threads. */
    private final class FakeBackup implements LogicalBackup {
        @Override
        public String kind() {
            return "fake-logical";
        }

        @Override
        public String logStream() {
            return "";
        }

        @Override
        public PhysicalBackup.Result dump(StreamSink sink) {
            ExecutorService pool = Executors.newFixedThreadPool(dumpThreads);
            try {
                List<? extends Future<?>> jobs = tables.entrySet().stream().map(t -> pool.submit(() -> {
                    OutputStream out = sink.create(t.getKey());
                    try {
                        for (int off = 0; off < t.getValue().length; off += 7000) {
                            out.write(t.getValue(), off, Math.min(7000, t.getValue().length - off));
                        }
                        if (!leaveStreamOpen) {
                            out.close();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })).toList();
                for (Future<?> job : jobs) {
                    job.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdownNow();
            }
            return new PhysicalBackup.Result(Map.of("snapshot", "7"), Map.of("position", 7), Map.of());
        }

        @Override
        public void close() {
        }
    }

    private final class FakeRecovery implements Recovery {
        @Override
        public boolean restoresLogically(String backupKind) {
            return true;
        }

        @Override
        public RecoveryReport load(LogicalRestore restore) {
            lastRestore = restore;
            assertEquals(7, restore.details().get("position"));
            StreamSource streams = restore.streams();
            for (StreamSource.Stream s : streams.streams()) {
                try (InputStream in = streams.open(s.name())) {
                    loaded.put(s.name(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new RecoveryReport(restore.target().orElse(RecoveryTarget.immediate()), "loaded "
                    + streams.streams().size() + " streams", Duration.ZERO, restore.port().isPresent(),
                    restore.port().orElse(0), Map.of());
        }

        @Override
        public void check(RecoveryTarget target, Map<String, Object> details, io.firedrill.api.spi.LogStore logs) {
        }

        @Override
        public RecoveryReport recover(Path dataDirectory, Map<String, Object> details, RecoveryTarget target,
                                      OptionalInt port, io.firedrill.api.spi.LogStore logs,
                                      io.firedrill.api.ProgressListener listener) {
            throw new AssertionError("a logical backup is never recovered as files");
        }

        @Override
        public String sanityCheck(Path dataDirectory, int port, Map<String, Object> details) {
            checks++;
            return "ok";
        }

        @Override
        public void stop(Path dataDirectory, Map<String, Object> details) {
        }
    }

    private final class FakeProvider implements EngineProvider {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public boolean supports(String connection) {
            return connection.startsWith("jdbc:fake:");
        }

        @Override
        public Engine open(String connection) {
            return new Engine() {
                @Override
                public String id() {
                    return "fake";
                }

                @Override
                public boolean takesLogicalBackups() {
                    return true;
                }

                @Override
                public LogicalBackup startLogicalBackup(EngineContext context) {
                    backupOptions = context.options();
                    return new FakeBackup();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean recovers(String backupKind) {
            return backupKind.equals("fake-logical");
        }

        @Override
        public Recovery recovery() {
            return new FakeRecovery();
        }
    }
}

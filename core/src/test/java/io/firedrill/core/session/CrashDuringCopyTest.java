package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.causedBy;
import static io.firedrill.core.session.Harness.copy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.fault.FaultInjectingStorage;
import io.firedrill.core.storage.fault.FaultPlan;
import io.firedrill.core.storage.fault.SimulatedCrash;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy whose process dies at any mutating call on the destination leaves a destination that lists only
 * complete backups (those whose catalog entry, written last, landed) and complete log files, verifies healthy,
 * restores what it lists, and a rerun of the copy completes it. In both modes: packs copied byte for byte, and
 * re-encrypted.
 */
class CrashDuringCopyTest {
    private static final String STREAM = "crash-logs";

    @TempDir
    static Path dir;

    static Path tree;
    static LogWritingEngine engine;
    static MemoryStorage sourceStorage;
    static Firedrill source;
    /** Directory backups by id, with a copy of the tree each holds. */
    static final Map<BackupId, Path> trees = new HashMap<>();

    @BeforeAll
    static void prepare() throws IOException {
        tree = dir.resolve("tree");
        Path data = dir.resolve("db");
        Harness.writeTree(data, 5, 3, 40 * 1024, 80 * 1024);
        engine = new LogWritingEngine(data, STREAM);
        sourceStorage = new MemoryStorage("crash-source");
        source = settings(sourceStorage, Harness.PASSPHRASE)
                .init(Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF));
        for (int g = 0; g < 2; g++) {
            CopyTest.generation(tree, g);
            Path copy = dir.resolve("gen-" + g);
            Harness.copyTree(tree, copy);
            trees.put(source.backup().directory(tree).sourceName("app").run().backup().id(), copy);
            if (g == 0) {
                source.backup().database(LogWritingEngine.connection()).run();
            }
        }
    }

    @AfterAll
    static void close() {
        source.close();
    }

    static FluentConfiguration settings(Storage storage, char[] passphrase) {
        return Harness.configure(storage).passphrase(passphrase).engineProvider(engine);
    }

    @Test
    void packsCopiedByteForByte() throws IOException {
        MemoryStorage base = new MemoryStorage("crash-base-same");
        settings(base, CopyTest.OTHER).initCopyOf(source, Encryption.passphrase(CopyTest.OTHER)
                .withKdf(Harness.FAST_KDF)).close();
        crashAtEveryMutation(base);
    }

    @Test
    void reencrypted() throws IOException {
        MemoryStorage base = new MemoryStorage("crash-base-other");
        settings(base, CopyTest.OTHER).init(Encryption.passphrase(CopyTest.OTHER).withKdf(Harness.FAST_KDF)).close();
        crashAtEveryMutation(base);
    }

    private void crashAtEveryMutation(MemoryStorage base) throws IOException {
        FaultInjectingStorage clean = new FaultInjectingStorage(copy(base, "clean"), FaultPlan.none());
        try (Firedrill offsite = settings(clean, CopyTest.OTHER).load()) {
            source.copy().to(offsite).run();
        }
        long mutations = clean.mutations();
        assertTrue(mutations >= 10, "the copy should make several objects, made " + mutations + " mutating calls");
        int crashed = 0;
        for (long crashAt = 1; crashAt <= mutations; crashAt++) {
            // The seed decides whether the crashing call lands; varying it with the point covers both outcomes.
            crashed += crashAndRerun(base, crashAt, crashAt, mutations) ? 1 : 0;
        }
        assertEquals(mutations, crashed, "every case crashed");
    }

    private boolean crashAndRerun(MemoryStorage base, long crashAt, long seed, long mutations) throws IOException {
        String label = "crash at mutating call #" + crashAt + " of " + mutations + " (seed " + seed + ")";
        MemoryStorage destination = copy(base, "case");
        RecordingStorage recorder = new RecordingStorage(destination);
        FaultInjectingStorage faulty = new FaultInjectingStorage(recorder,
                FaultPlan.builder().crashAtMutation(crashAt).seed(seed).build());
        try (Firedrill offsite = settings(faulty, CopyTest.OTHER).load()) {
            source.copy().to(offsite).run();
        } catch (FiredrillException e) {
            assertTrue(causedBy(e, SimulatedCrash.class), label + ": unexpected failure " + e);
            assertTrue(e.getMessage().startsWith("copy failed"), label + ": " + e.getMessage());
        }
        List<String> committed = new ArrayList<>();
        recorder.landed().stream().filter(m -> m.startsWith("put backups/"))
                .forEach(m -> committed.add(m.substring("put backups/".length())));
        try (Firedrill offsite = settings(destination, CopyTest.OTHER).load()) {
            List<String> listed = offsite.list().stream().map(b -> b.id().value()).sorted().toList();
            assertEquals(committed.stream().sorted().toList(), listed, label + ": listed backups");
            assertHealthy(offsite, label + ", after the crash");
            assertLogsMatchTheSource(offsite, label + ", after the crash");
            for (String id : listed) {
                assertBackupRestores(offsite, BackupId.of(id));
            }

            source.copy().to(offsite).run();
            assertEquals(source.list().stream().map(BackupInfo::id).toList(),
                    offsite.list().stream().map(BackupInfo::id).toList(), label + ": after the rerun");
            assertEquals(source.logs().list(STREAM).stream().map(LogStore.LogFile::name).toList(),
                    offsite.logs().list(STREAM).stream().map(LogStore.LogFile::name).toList(), label);
            assertHealthy(offsite, label + ", after the rerun");
            assertLogsMatchTheSource(offsite, label + ", after the rerun");
            BackupId newestTree = trees.keySet().stream().max(BackupId::compareTo).orElseThrow();
            assertBackupRestores(offsite, newestTree);
        }
        return faulty.crashed();
    }

    /** Every log file the destination lists has the source's content. */
    private static void assertLogsMatchTheSource(Firedrill offsite, String label) throws IOException {
        for (LogStore.LogFile file : offsite.logs().list(STREAM)) {
            Path there = Files.createTempFile(dir, "there", ".log");
            Path here = Files.createTempFile(dir, "here", ".log");
            offsite.logs().fetch(STREAM, file.name(), there);
            source.logs().fetch(STREAM, file.name(), here);
            assertArrayEquals(Files.readAllBytes(here), Files.readAllBytes(there), label + ": " + file.name());
            Files.delete(there);
            Files.delete(here);
        }
    }

    private static void assertBackupRestores(Firedrill offsite, BackupId id) throws IOException {
        Path expected = trees.get(id);
        if (expected != null) {
            assertRestores(offsite, id, expected, dir.resolve("scratch"));
        }
    }
}

package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.causedBy;
import static io.firedrill.core.session.Harness.configure;
import static io.firedrill.core.session.Harness.copy;
import static io.firedrill.core.session.Harness.objects;
import static io.firedrill.core.session.Harness.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupResult;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RepositoryLockedException;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.core.storage.fault.FaultInjectingStorage;
import io.firedrill.core.storage.fault.FaultPlan;
import io.firedrill.core.storage.fault.SimulatedCrash;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies at any storage mutation of a backup leaves a repository in which the interrupted backup
 * is not listed (unless its catalog entry, written last, landed), everything else verifies and restores, and a
 * retried backup succeeds and reuses the packs the crashed one made durable.
 */
class CrashDuringBackupTest {
    private static final String SOURCE = "tree";

    @TempDir
    static Path dir;

    static Path v1;
    static Path v2;
    /** A repository holding one backup of {@link #v1}; each case crashes over a copy of it. */
    static MemoryStorage base;
    static BackupId earlier;
    /** Mutating calls of an undisturbed backup of {@link #v2} over {@link #base}. */
    static long cleanMutations;
    /** Bytes the undisturbed backup of {@link #v2} stored. */
    static long scratchStored;

    @BeforeAll
    static void prepare() throws IOException {
        v1 = dir.resolve("v1");
        Harness.writeTree(v1, 1, 6, 100 * 1024, 300 * 1024);
        v2 = dir.resolve("v2");
        Harness.copyTree(v1, v2);
        Harness.scribble(v2.resolve("sub/f1-0.bin"), 11, 70 * 1024);
        Harness.scribble(v2.resolve("f1-1.bin"), 12, 10 * 1024);
        Harness.writeTree(v2, 2, 12, 200 * 1024, 500 * 1024);

        base = new MemoryStorage("base");
        try (Firedrill fd = Harness.init(base)) {
            earlier = fd.backup().directory(v1).sourceName(SOURCE).run().backup().id();
        }
        FaultInjectingStorage clean = new FaultInjectingStorage(copy(base, "clean"), FaultPlan.none());
        try (Firedrill fd = open(clean)) {
            scratchStored = fd.backup().directory(v2).sourceName(SOURCE).run().backup().stats().storedBytes();
        }
        cleanMutations = clean.mutations();
        assertTrue(cleanMutations >= 8, "the backup should make several packs, made " + cleanMutations
                + " mutating calls");
    }

    @Test
    void crashAtAnyMutationKeepsTheRepositoryConsistentAndTheRetryReusesWhatLanded() throws IOException {
        int seedsPerPoint = (int) Math.max(2, (30 + cleanMutations - 1) / cleanMutations);
        int cases = 0;
        int lateCases = 0;
        int crashedCases = 0;
        for (long crashAt = 1; crashAt <= cleanMutations; crashAt++) {
            for (int seed = 0; seed < seedsPerPoint; seed++) {
                Outcome outcome = crashAndRetry(crashAt, seed);
                cases++;
                crashedCases += outcome.crashed ? 1 : 0;
                lateCases += outcome.comparedWithScratch ? 1 : 0;
            }
        }
        assertTrue(cases >= 30, "ran " + cases + " cases");
        assertTrue(crashedCases >= cases * 3 / 4, "only " + crashedCases + " of " + cases + " cases crashed");
        assertTrue(lateCases >= 4, "only " + lateCases + " late crashes were compared with a full backup");
    }

    private record Outcome(boolean crashed, boolean comparedWithScratch) {
    }

    private Outcome crashAndRetry(long crashAt, long seed) throws IOException {
        String label = "crash at mutating call #" + crashAt + " of " + cleanMutations + " (seed " + seed + ")";
        MemoryStorage mem = copy(base, "case");
        RecordingStorage recorder = new RecordingStorage(mem);
        FaultInjectingStorage faulty = new FaultInjectingStorage(recorder,
                FaultPlan.builder().crashAtMutation(crashAt).seed(seed).build());
        BackupResult interrupted = null;
        FiredrillException failure = null;
        try (Firedrill fd = open(faulty)) {
            interrupted = fd.backup().directory(v2).sourceName(SOURCE).run();
        } catch (FiredrillException e) {
            failure = e;
        }
        if (failure != null) {
            assertTrue(faulty.crashed(), label + ": failed without crashing: " + failure);
            assertTrue(causedBy(failure, SimulatedCrash.class), label + ": unexpected failure " + failure);
            assertTrue(failure.getMessage().startsWith("backup failed"), label + ": " + failure.getMessage());
        }
        // The catalog entry is the commit point: the backup exists exactly when its put reached the storage.
        List<String> committed = new ArrayList<>();
        recorder.landed().stream().filter(m -> m.startsWith("put backups/"))
                .forEach(m -> committed.add(m.substring("put backups/".length())));
        assertTrue(committed.size() <= 1, label + ": " + committed);
        if (interrupted != null) {
            assertEquals(List.of(interrupted.backup().id().value()), committed, label);
        }

        boolean compared = false;
        try (Firedrill fd = open(mem)) {
            List<String> expected = new ArrayList<>(List.of(earlier.value()));
            expected.addAll(committed);
            expected.sort(null);
            List<String> listed = new ArrayList<>(fd.list().stream().map(b -> b.id().value()).toList());
            listed.sort(null);
            assertEquals(expected, listed, label + ": listed backups");
            assertHealthy(fd, label + ", after the crash");
            assertRestores(fd, earlier, v1, dir.resolve("scratch"));
            if (!committed.isEmpty()) {
                assertRestores(fd, BackupId.of(committed.get(0)), v2, dir.resolve("scratch"));
            }

            BackupResult retry = fd.backup().directory(v2).sourceName(SOURCE).run();
            assertTrue(fd.list().stream().map(BackupInfo::id).anyMatch(retry.backup().id()::equals), label);
            assertRestores(fd, retry.backup().id(), v2, dir.resolve("scratch"));
            long stored = retry.backup().stats().storedBytes();
            // Packs count as stored once an index file names them: from then on the retry can reuse them. A
            // late crash (after 60% of the calls of a clean run) always comes after the first index file.
            boolean indexLanded = recorder.putLanded("index/");
            if (crashAt > cleanMutations * 0.6) {
                assertTrue(indexLanded, label + ": no index file landed: " + recorder.landed());
            }
            if (indexLanded) {
                assertTrue(stored < scratchStored, label + ": the retry stored " + stored
                        + " bytes, no fewer than a backup that could reuse nothing from the crashed run ("
                        + scratchStored + ")");
                compared = crashAt > cleanMutations * 0.6;
            }
            assertHealthy(fd, label + ", after the retry");
        }
        return new Outcome(faulty.crashed(), compared);
    }

    /**
     * The crashed backup's SHARED lock file stays behind. It belongs to this very JVM (same host, same pid), so it
     * is judged by its heartbeat alone: it blocks no shared operation, blocks an exclusive one with a message
     * naming it while it is young, and is reclaimed once it is older than the lock expiry.
     */
    @Test
    void theCrashedBackupsLockBlocksOnlyExclusiveOperationsUntilItExpires() throws IOException {
        MemoryStorage mem = copy(base, "stale-lock");
        FaultInjectingStorage faulty = new FaultInjectingStorage(mem,
                FaultPlan.builder().crashAtMutation(cleanMutations / 2).seed(3).build());
        try (Firedrill fd = open(faulty)) {
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> fd.backup().directory(v2).sourceName(SOURCE).run());
            assertTrue(causedBy(e, SimulatedCrash.class), e.toString());
        }
        assertEquals(1, objects(mem, "locks/").size(), "the crashed backup's lock file: " + objects(mem, "locks/"));
        String staleLock = objects(mem, "locks/").keySet().iterator().next();

        // Shared operations do not conflict with a shared lock, stale or not.
        try (Firedrill fd = configure(mem).lockWait(Duration.ZERO).load()) {
            assertHealthy(fd, "beside the stale lock");
            BackupResult retry = fd.backup().directory(v2).sourceName(SOURCE).run();
            assertRestores(fd, retry.backup().id(), v2, dir.resolve("scratch"));
        }
        // With a long expiry the lock still counts as live, so an exclusive prune that will not wait is refused.
        try (Firedrill fd = configure(mem).lockExpiry(Duration.ofMinutes(5)).lockWait(Duration.ZERO).load()) {
            RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                    () -> fd.prune().policy(RetentionPolicy.builder().keepLast(5).build()).run());
            assertTrue(e.getMessage().contains("SHARED lock of owner 'backup of " + SOURCE + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains(staleLock), e.getMessage());
        }
        assertTrue(objects(mem, "locks/").containsKey(staleLock), "a refused prune must not remove a live lock");
        // With the 2 s expiry and a longer wait, the prune outlives the lock, removes it, and runs.
        try (Firedrill fd = open(mem)) {
            long start = System.nanoTime();
            fd.prune().policy(RetentionPolicy.builder().keepLast(5).build()).run();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
            assertHealthy(fd, "after pruning past the stale lock");
        }
        assertNull(objects(mem, "locks/").get(staleLock), "the stale lock was reclaimed");
        assertEquals(0, objects(mem, "locks/").size(), objects(mem, "locks/").toString());
    }
}

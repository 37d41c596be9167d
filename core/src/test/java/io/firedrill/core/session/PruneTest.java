package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.bytes;
import static io.firedrill.core.session.Harness.configure;
import static io.firedrill.core.session.Harness.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.Firedrill;
import io.firedrill.api.PruneReport;
import io.firedrill.api.RepositoryLockedException;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.spi.Payload;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.LockSettings;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.lock.RepositoryLocks;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prune without faults: what it forgets, what it deletes, what it must leave alone. */
class PruneTest {
    private static final RetentionPolicy KEEP_ONE = RetentionPolicy.builder().keepLast(1).build();

    @TempDir
    Path dir;

    MemoryStorage mem;
    /** Three backups of a changing tree, oldest first, and a copy of the tree each one holds. */
    final List<BackupId> ids = new ArrayList<>();
    final List<Path> trees = new ArrayList<>();

    @BeforeEach
    void threeBackupsOfChangingData() throws IOException {
        mem = new MemoryStorage("prune");
        Path source = dir.resolve("source");
        Harness.writeTree(source, 1, 6, 200 * 1024, 400 * 1024);
        try (Firedrill fd = Harness.init(mem)) {
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    // Most of every remaining file changes, and one file is replaced by a new one.
                    for (int f = i; f < 6; f++) {
                        Harness.scribble(Harness.treeFile(source, 1, f), 10 * i + f, 192 * 1024);
                    }
                    java.nio.file.Files.delete(Harness.treeFile(source, 1, i));
                    Harness.writeTree(source, 100 + i, 1, 200 * 1024, 300 * 1024);
                }
                Path copy = dir.resolve("tree-" + i);
                Harness.copyTree(source, copy);
                trees.add(copy);
                ids.add(fd.backup().directory(source).sourceName("src").run().backup().id());
            }
        }
    }

    @Test
    void keepLastOneForgetsTheOlderBackupsAndShrinksTheData() throws IOException {
        long before = bytes(mem, "data/");
        try (Firedrill fd = Harness.open(mem)) {
            PruneReport report = fd.prune().policy(KEEP_ONE).run();
            assertFalse(report.dryRun());
            assertEquals(List.of(ids.get(1), ids.get(0)), report.forgotten().stream().map(BackupInfo::id).toList());
            assertEquals(List.of(ids.get(2)), fd.list().stream().map(BackupInfo::id).toList());
            assertEquals(Set.of("backups/" + ids.get(2).value()), objects(mem, "backups/").keySet());
            long after = bytes(mem, "data/");
            assertTrue(after < before * 2 / 3, "data shrank only from " + before + " to " + after + " bytes");
            assertTrue(report.deletedBytes() > 0 && report.deletedObjects() > 2, report.toString());
            assertHealthy(fd, "after the prune");
            assertRestores(fd, ids.get(2), trees.get(2), dir.resolve("scratch"));
            // Pruning again with the same policy finds nothing more to do.
            PruneReport again = fd.prune().policy(KEEP_ONE).run();
            assertEquals(List.of(), again.forgotten());
            assertEquals(0, again.deletedObjects(), again.toString());
        }
        assertEquals(Map.of(), objects(mem, "locks/"));
    }

    @Test
    void aDryRunChangesNothingButReportsWhatItWouldDo() {
        Map<String, Long> before = objects(mem, "");
        try (Firedrill fd = Harness.open(mem)) {
            PruneReport report = fd.prune().policy(KEEP_ONE).dryRun(true).run();
            assertTrue(report.dryRun());
            assertEquals(List.of(ids.get(1), ids.get(0)), report.forgotten().stream().map(BackupInfo::id).toList());
            assertTrue(report.deletedObjects() > 2 && report.deletedBytes() > 0, report.toString());
            assertEquals(Set.copyOf(ids), Set.copyOf(fd.list().stream().map(BackupInfo::id).toList()));
        }
        assertEquals(before, objects(mem, ""), "a dry run must not add, change or delete any object");
    }

    @Test
    void pinnedBackupsSurvive() throws IOException {
        try (Firedrill fd = Harness.open(mem)) {
            fd.pin(ids.get(0));
            RetentionPlan plan = fd.retention(KEEP_ONE);
            assertEquals(List.of(ids.get(1)), plan.forget().stream().map(BackupInfo::id).toList());
            PruneReport report = fd.prune().policy(KEEP_ONE).run();
            assertEquals(List.of(ids.get(1)), report.forgotten().stream().map(BackupInfo::id).toList());
            assertEquals(Set.of(ids.get(0), ids.get(2)), Set.copyOf(fd.list().stream().map(BackupInfo::id).toList()));
            assertHealthy(fd, "after pruning around a pin");
            assertRestores(fd, ids.get(0), trees.get(0), dir.resolve("scratch"));
            assertRestores(fd, ids.get(2), trees.get(2), dir.resolve("scratch"));

            // Once unpinned, the next prune forgets it.
            fd.unpin(ids.get(0));
            assertEquals(List.of(ids.get(0)), fd.prune().policy(KEEP_ONE).run().forgotten().stream()
                    .map(BackupInfo::id).toList());
            assertEquals(List.of(ids.get(2)), fd.list().stream().map(BackupInfo::id).toList());
            assertHealthy(fd, "after unpinning");
        }
    }

    @Test
    void theRetentionPlanIsWhatPruneForgets() {
        RetentionPolicy policy = RetentionPolicy.builder().keepLast(2).build();
        try (Firedrill fd = Harness.open(mem)) {
            RetentionPlan plan = fd.retention(policy);
            assertEquals(List.of(ids.get(2), ids.get(1)), plan.keep().stream().map(k -> k.backup().id()).toList());
            assertEquals(Set.of("last"), plan.keep().get(0).reasons());
            PruneReport dry = fd.prune().policy(policy).dryRun(true).run();
            assertEquals(plan, dry.plan());
            PruneReport report = fd.prune().policy(policy).run();
            assertEquals(plan.forget(), report.forgotten());
            assertEquals(List.of(ids.get(0)), report.forgotten().stream().map(BackupInfo::id).toList());
            // list() is oldest first, the plan newest first.
            List<BackupInfo> newestFirst = new ArrayList<>(fd.list());
            java.util.Collections.reverse(newestFirst);
            assertEquals(plan.keep().stream().map(k -> k.backup()).toList(), newestFirst);
        }
    }

    /** Another process (another host, so its pid cannot be checked) holds the exclusive lock. */
    @Test
    void aPruneThatCannotTakeItsLockFailsAfterTheWaitAndChangesNothing() {
        Instant now = Instant.now();
        String lockName = "locks/" + now.toEpochMilli() + "-00112233445566ff";
        String json = "{\"version\":1,\"mode\":\"EXCLUSIVE\",\"host\":\"db-7\",\"pid\":4711,\"owner\":\"prune by cron\","
                + "\"created\":\"" + now + "\",\"heartbeat\":\"" + now + "\"}";
        mem.put(lockName, Payload.of(json.getBytes(StandardCharsets.UTF_8)));
        Map<String, Long> before = objects(mem, "");
        try (Firedrill fd = configure(mem).lockExpiry(Duration.ofMinutes(1)).lockWait(Duration.ofSeconds(1)).load()) {
            long start = System.nanoTime();
            RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                    () -> fd.prune().policy(KEEP_ONE).run());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "gave up after " + waited);
            assertTrue(waited.compareTo(Duration.ofSeconds(8)) < 0, "waited " + waited);
            assertTrue(e.getMessage().contains("EXCLUSIVE lock of owner 'prune by cron' on host db-7 (pid 4711)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("owner 'prune'"), e.getMessage());
            assertTrue(e.getMessage().contains(lockName), e.getMessage());
        }
        assertEquals(before, objects(mem, ""), "a prune that did not get its lock must change nothing");
    }

    /** A lock held by this very JVM through the lock package blocks the prune the same way. */
    @Test
    void aPruneWaitsForAnExclusiveLockHeldInThisProcess() {
        LockSettings settings = LockSettings.forThisProcess("maintenance", Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofMillis(10));
        try (RepositoryLock held = RepositoryLocks.acquire(mem, LockMode.EXCLUSIVE, settings);
             Firedrill fd = configure(mem).lockWait(Duration.ofMillis(1500)).load()) {
            RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                    () -> fd.prune().policy(KEEP_ONE).run());
            assertTrue(e.getMessage().contains("owner 'maintenance'"), e.getMessage());
            held.checkValid();
            assertEquals(3, fd.list().size());
        }
        // Released: the prune now goes through.
        try (Firedrill fd = configure(mem).lockWait(Duration.ZERO).load()) {
            assertEquals(2, fd.prune().policy(KEEP_ONE).run().forgotten().size());
        }
    }
}

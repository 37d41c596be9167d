package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.causedBy;
import static io.firedrill.core.session.Harness.configure;
import static io.firedrill.core.session.Harness.copy;
import static io.firedrill.core.session.Harness.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.PruneReport;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.storage.fault.FaultInjectingStorage;
import io.firedrill.core.storage.fault.FaultPlan;
import io.firedrill.core.storage.fault.SimulatedCrash;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies at any storage mutation of a prune that forgets backups, deletes unused packs and repacks
 * partly used ones leaves every kept backup restorable; the forgotten ones are either whole or gone; a second
 * prune cleans up what the first left behind.
 */
class CrashDuringPruneTest {
    private static final RetentionPolicy KEEP_TWO = RetentionPolicy.builder().keepLast(2).build();

    @TempDir
    static Path dir;

    /** The trees of the four backups, oldest first. */
    static final List<Path> trees = new ArrayList<>();
    static final List<BackupId> ids = new ArrayList<>();
    static MemoryStorage base;
    /** Mutating calls of an undisturbed prune over {@link #base}. */
    static long cleanMutations;
    /** Data objects after an undisturbed prune. */
    static int cleanPacks;
    static long cleanPackBytes;

    @BeforeAll
    static void prepare() throws IOException {
        Path t1 = dir.resolve("t1");
        Harness.writeTree(t1, 1, 8, 320 * 1024, 320 * 1024);
        Path t2 = dir.resolve("t2");
        Harness.copyTree(t1, t2);
        for (int i = 0; i < 8; i++) {
            Harness.scribble(file(t2, i), 20 + i, 128 * 1024);
        }
        Path t3 = dir.resolve("t3");
        Harness.copyTree(t2, t3);
        for (int i = 0; i < 7; i++) {
            Harness.scribble(file(t3, i), 30 + i, 128 * 1024);
        }
        Files.delete(file(t3, 7));
        Harness.writeTree(t3, 3, 2, 100 * 1024, 200 * 1024);
        Path t4 = dir.resolve("t4");
        Harness.copyTree(t3, t4);
        Harness.scribble(file(t4, 0), 40, 64 * 1024);
        trees.addAll(List.of(t1, t2, t3, t4));

        base = new MemoryStorage("base");
        try (Firedrill fd = Harness.init(base)) {
            for (Path tree : trees) {
                ids.add(fd.backup().directory(tree).sourceName("tree").run().backup().id());
            }
        }
        MemoryStorage clean = copy(base, "clean");
        FaultInjectingStorage counting = new FaultInjectingStorage(clean, FaultPlan.none());
        try (Firedrill fd = Harness.open(counting)) {
            PruneReport report = fd.prune().policy(KEEP_TWO).run();
            assertEquals(List.of(ids.get(1), ids.get(0)), report.forgotten().stream().map(b -> b.id()).toList());
            assertTrue(report.rewrittenPacks() > 0, "the prune should repack partly used packs: " + report);
            assertTrue(report.deletedObjects() > report.rewrittenPacks() + 2,
                    "the prune should also delete unused packs: " + report);
        }
        cleanMutations = counting.mutations();
        cleanPacks = objects(clean, "data/").size();
        cleanPackBytes = Harness.bytes(clean, "data/");
    }

    private static Path file(Path tree, int i) {
        return Harness.treeFile(tree, 1, i);
    }

    @Test
    void crashAtEveryMutationLeavesKeptBackupsRestorableAndASecondPruneCleansUp() throws IOException {
        int crashed = 0;
        for (long crashAt = 1; crashAt <= cleanMutations; crashAt++) {
            // Alternate the seed so that both outcomes of the crashing call (landed or not) come up.
            crashed += crashAndRecover(crashAt, crashAt % 4) ? 1 : 0;
        }
        assertTrue(cleanMutations >= 12, "a prune of this repository should make many mutating calls, made "
                + cleanMutations);
        assertTrue(crashed >= cleanMutations - 2, "only " + crashed + " of " + cleanMutations + " cases crashed");
    }

    private boolean crashAndRecover(long crashAt, long seed) throws IOException {
        String label = "crash at mutating call #" + crashAt + " of " + cleanMutations + " (seed " + seed + ")";
        MemoryStorage mem = copy(base, "case");
        FaultInjectingStorage faulty = new FaultInjectingStorage(mem,
                FaultPlan.builder().crashAtMutation(crashAt).seed(seed).build());
        try (Firedrill fd = Harness.open(faulty)) {
            fd.prune().policy(KEEP_TWO).run();
        } catch (FiredrillException e) {
            assertTrue(causedBy(e, SimulatedCrash.class), label + ": unexpected failure " + e);
            assertTrue(e.getMessage().startsWith("prune failed"), label + ": " + e.getMessage());
        }

        // The restarted process comes back a minute later, when the crashed prune's exclusive lock has expired.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
        try (Firedrill fd = configure(mem).clock(later).load()) {
            assertHealthy(fd, label + ", after the crash");
            Set<BackupId> listed = new TreeSet<>(java.util.Comparator.comparing(BackupId::value));
            fd.list().forEach(b -> listed.add(b.id()));
            for (int i = 0; i < 4; i++) {
                if (i >= 2) {
                    assertTrue(listed.contains(ids.get(i)), label + ": kept backup " + ids.get(i) + " is gone");
                }
                if (listed.contains(ids.get(i))) {
                    assertRestores(fd, ids.get(i), trees.get(i), dir.resolve("scratch"));
                }
            }

            PruneReport second = fd.prune().policy(KEEP_TWO).run();
            assertEquals(Set.of(ids.get(2), ids.get(3)), Set.copyOf(fd.list().stream().map(b -> b.id()).toList()),
                    label);
            assertHealthy(fd, label + ", after the second prune");
            assertRestores(fd, ids.get(3), trees.get(3), dir.resolve("scratch"));
            // No garbage is left: a dry run finds nothing to delete, and every pack is named by the index.
            PruneReport third = fd.prune().policy(KEEP_TWO).dryRun(true).run();
            assertEquals(0, third.deletedObjects(), label + ": garbage left after the second prune " + second
                    + "; a dry run would still delete " + third);
            assertEquals(indexedPacks(mem), objects(mem, "data/").keySet(), label + ": packs in no index");
            int packs = objects(mem, "data/").size();
            long packBytes = Harness.bytes(mem, "data/");
            assertTrue(packs <= cleanPacks + 1 && packBytes <= cleanPackBytes + cleanPackBytes / 4,
                    label + ": " + packs + " packs of " + packBytes + " bytes remain, an undisturbed prune leaves "
                            + cleanPacks + " of " + cleanPackBytes);
        }
        assertEquals(0, objects(mem, "locks/").size(), label + ": " + objects(mem, "locks/"));
        assertEquals(2, objects(mem, "backups/").size(), label);
        return faulty.crashed();
    }

    /** The object names of every pack the repository's index files name. */
    private static Set<String> indexedPacks(Storage storage) {
        Repository repository = Repository.open(storage, configure(storage).build());
        Set<String> names = new TreeSet<>();
        for (PackRef pack : repository.loadIndex().index().packs()) {
            names.add(pack.objectName());
        }
        return names;
    }
}

package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.PruneReport;
import io.firedrill.api.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two backups of different sources and a prune, started at once on one file repository, each through its own
 * handle: the locks serialize the prune against the backups, everything completes, and the repository stays
 * consistent.
 */
class ConcurrencyTest {
    private static final RetentionPolicy KEEP_LAST = RetentionPolicy.builder().keepLast(1).build();

    @TempDir
    Path dir;

    private FluentConfiguration configure() {
        return Firedrill.configure()
                .repository(dir.resolve("repo"))
                .passphrase(Harness.PASSPHRASE)
                .packSize(Harness.MIB)
                .chunking(Chunking.defaults().withFileChunkSize(Harness.CHUNK))
                .parallelism(2)
                .lockExpiry(Duration.ofSeconds(10))
                .lockWait(Duration.ofSeconds(40));
    }

    @Test
    void twoBackupsAndAPruneAtOnceAllCompleteAndKeepTheRepositoryConsistent() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Harness.writeTree(a, 1, 8, 100 * 1024, 400 * 1024);
        Harness.writeTree(b, 2, 8, 100 * 1024, 400 * 1024);
        Map<BackupId, Path> snapshots = new ConcurrentHashMap<>();
        try (Firedrill fd = configure().init(Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF))) {
            snapshots.put(fd.backup().directory(a).sourceName("a").run().backup().id(), snapshot(a, "a-0"));
            snapshots.put(fd.backup().directory(b).sourceName("b").run().backup().id(), snapshot(b, "b-0"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 3; i++) {
                    Harness.scribble(Harness.treeFile(a, 1, (round + i) % 8), round * 10 + i, 150 * 1024);
                    Harness.scribble(Harness.treeFile(b, 2, (round + 2 * i) % 8), round * 20 + i, 150 * 1024);
                }
                Harness.writeTree(a, 10 + round, 1, 200 * 1024, 300 * 1024);
                Path snapA = snapshot(a, "a-" + round);
                Path snapB = snapshot(b, "b-" + round);
                CyclicBarrier start = new CyclicBarrier(3);
                Future<BackupId> backupA = pool.submit(backup(start, a, "a", snapA, snapshots));
                Future<BackupId> backupB = pool.submit(backup(start, b, "b", snapB, snapshots));
                Future<PruneReport> prune = pool.submit(() -> {
                    try (Firedrill fd = configure().load()) {
                        start.await();
                        return fd.prune().policy(KEEP_LAST).run();
                    }
                });
                BackupId newA = backupA.get(90, TimeUnit.SECONDS);
                BackupId newB = backupB.get(90, TimeUnit.SECONDS);
                PruneReport report = prune.get(90, TimeUnit.SECONDS);
                String label = "round " + round + " (prune forgot " + report.forgotten().stream()
                        .map(BackupInfo::id).toList() + ")";

                try (Firedrill fd = configure().load()) {
                    assertHealthy(fd, label);
                    List<BackupInfo> listed = fd.list();
                    Set<BackupId> ids = listed.stream().map(BackupInfo::id).collect(Collectors.toSet());
                    assertTrue(ids.contains(newA) && ids.contains(newB), label + ": the new backups " + newA + ", "
                            + newB + " must be listed, listed " + ids);
                    // The prune ran before or after each backup: each source keeps at most its two newest.
                    assertTrue(listed.size() <= 4, label + ": " + ids);
                    for (BackupInfo info : listed) {
                        assertRestores(fd, info.id(), snapshots.get(info.id()), dir.resolve("scratch"));
                    }
                    // A quiet prune leaves exactly the newest backup of each source, still restorable.
                    fd.prune().policy(KEEP_LAST).run();
                    assertEquals(Set.of(newA, newB), fd.list().stream().map(BackupInfo::id)
                            .collect(Collectors.toSet()), label);
                    assertHealthy(fd, label + ", after a quiet prune");
                    assertRestores(fd, newA, snapA, dir.resolve("scratch"));
                }
                assertEquals(0, Harness.objects(new io.firedrill.core.storage.file.FileStorage(dir.resolve("repo")),
                        "locks/").size(), label + ": locks left behind");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<BackupId> backup(CyclicBarrier start, Path source, String name, Path snapshot,
                                      Map<BackupId, Path> snapshots) {
        return () -> {
            try (Firedrill fd = configure().load()) {
                start.await();
                BackupId id = fd.backup().directory(source).sourceName(name).run().backup().id();
                snapshots.put(id, snapshot);
                return id;
            }
        };
    }

    private Path snapshot(Path tree, String name) throws java.io.IOException {
        Path copy = dir.resolve("snapshots").resolve(name);
        Harness.copyTree(tree, copy);
        return copy;
    }
}

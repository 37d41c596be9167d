package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupResult;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ReadData;
import io.firedrill.api.StorageException;
import io.firedrill.api.VerifyReport;
import io.firedrill.core.storage.fault.FaultInjectingStorage;
import io.firedrill.core.storage.fault.FaultPlan;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups, verifies and restores over a storage where any call may fail. The core does not retry (that is the
 * remote storages' job), so operations fail; each failure must be a {@link FiredrillException} naming the
 * operation, a failed backup must never be listed, and the repository must stay consistent.
 */
class TransientFaultsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 19, 23})
    void failuresNameTheirOperationAndNeverLeaveAFailedBackupListed(long seed) throws IOException {
        MemoryStorage mem = new MemoryStorage("transient");
        Harness.init(mem).close();
        Path source = dir.resolve("source");
        Harness.writeTree(source, 1, 10, 50 * 1024, 300 * 1024);
        Random random = new Random(seed);
        Map<BackupId, Path> committed = new LinkedHashMap<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        int verified = 0;
        int restored = 0;
        FaultInjectingStorage faulty = new FaultInjectingStorage(mem,
                FaultPlan.builder().failureProbability(0.03).seed(seed).build());
        // Packs upload on their own thread, so which call draws which fault varies from run to run: the numbers
        // below keep both outcomes (some backups fail, some succeed) all but certain whatever the interleaving.
        for (int round = 0; round < 20; round++) {
            Harness.scribble(Harness.treeFile(source, 1, round % 10), 100 + round, 100 * 1024);
            Harness.writeTree(source, 10 + round, 1, 30 * 1024, 150 * 1024);
            Path snapshot = dir.resolve("snapshot-" + round);
            Harness.copyTree(source, snapshot);
            Firedrill fd;
            try {
                fd = open(faulty);
            } catch (FiredrillException e) {
                // Opening reads the config and key files, which may fail too.
                assertStorageFailure(e, null, faulty);
                failures.merge("open", 1, Integer::sum);
                continue;
            }
            try (fd) {
                try {
                    BackupResult result = fd.backup().directory(source).sourceName("src").run();
                    committed.put(result.backup().id(), snapshot);
                } catch (FiredrillException e) {
                    assertStorageFailure(e, "backup", faulty);
                    failures.merge("backup", 1, Integer::sum);
                }
                try {
                    VerifyReport report = fd.verify().readData(ReadData.all()).run();
                    // A read that fails during the check is reported as a problem, never as healthy.
                    for (VerifyReport.Problem p : report.problems()) {
                        assertTrue(p.detail().contains("injected fault"), "verify reported a real problem: " + p);
                    }
                    verified++;
                } catch (FiredrillException e) {
                    assertStorageFailure(e, "verify", faulty);
                    failures.merge("verify", 1, Integer::sum);
                }
                if (!committed.isEmpty()) {
                    List<BackupId> ids = new ArrayList<>(committed.keySet());
                    BackupId pick = ids.get(random.nextInt(ids.size()));
                    Path target = dir.resolve("restore-" + round);
                    try {
                        fd.restore().backup(pick).to(target).run();
                        Trees.assertSameTree(committed.get(pick), target);
                        restored++;
                    } catch (FiredrillException e) {
                        assertStorageFailure(e, "restore", faulty);
                        failures.merge("restore", 1, Integer::sum);
                    }
                }
            }
        }
        assertTrue(faulty.injectedFailures() > 0, "no fault was injected");
        assertTrue(failures.getOrDefault("backup", 0) > 0, "no backup failed: " + failures);
        assertTrue(committed.size() >= 1, "no backup succeeded: " + committed.size() + ", failures " + failures);
        assertTrue(verified + restored > 0, "nothing was verified or restored: " + failures);

        try (Firedrill fd = open(mem)) {
            assertEquals(committed.keySet(), java.util.Set.copyOf(fd.list().stream().map(b -> b.id()).toList()),
                    "exactly the backups that succeeded are listed");
            assertHealthy(fd, "after " + failures + " failures");
            for (Map.Entry<BackupId, Path> e : committed.entrySet()) {
                assertRestores(fd, e.getKey(), e.getValue(), dir.resolve("scratch"));
            }
            BackupResult last = fd.backup().directory(source).sourceName("src").run();
            assertRestores(fd, last.backup().id(), source, dir.resolve("scratch"));
        }
    }

    /** The failure is a storage failure caused by an injected fault, and its message names the operation. */
    private static void assertStorageFailure(FiredrillException e, String operation, FaultInjectingStorage faulty) {
        if (operation != null && !e.getMessage().startsWith(operation + " failed")) {
            fail("the failure does not name the operation '" + operation + "': " + e.getMessage(), e);
        }
        boolean injected = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            injected |= c instanceof StorageException && c.getMessage().contains("injected fault");
        }
        if (!injected || e.code() != ErrorCode.STORAGE_FAILURE) {
            fail("expected a storage failure caused by an injected fault, got " + e.code() + ": " + e.getMessage(), e);
        }
        assertTrue(faulty.injectedFailures() > 0);
    }
}

package io.firedrill.mysql.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time recovery by binlog replay on a real server: the same scenario (see {@link ReplayScenario}) recovered
 * to each kind of target, each into a fresh copy of the restored state. Subclasses name the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BinlogReplayContract {
    ReplayScenario scenario;

    abstract MysqlInstallation installation();

    @BeforeAll
    void createHistory(@TempDir Path temp) throws Exception {
        scenario = new ReplayScenario(installation(), temp);
        assertTrue(scenario.binlogs.size() >= 3, scenario.binlogs.toString());
    }

    @Test
    void beforeDropBringsTheTableBackAsItWasAndNothingLater() {
        try (MysqlProcess server = scenario.restored("before-drop")) {
            ReplayReport report = BinlogReplay.replay(server, scenario.binlogs, scenario.start,
                    RecoveryTarget.beforeDropOf("Shop.Orders"), ProgressListener.NONE);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), ids(server, "shop.orders"));
            assertEquals("changed", ReplayScenario.row(server, "select note from shop.orders where id = 2").get(0));
            assertEquals(List.of("1", "2", "3"), ids(server, "shop.keep"));
            assertEquals(List.of(), ReplayScenario.column(server, "show tables from shop like 'orders2'"));
            assertEquals(11, report.transactionsApplied(), report.toString());
            assertTrue(report.stop().reason().contains("drops or truncates Shop.Orders"), report.toString());
            assertNoReplicaLeft(server);
        }
    }

    @Test
    void timeTargetKeepsTheTransactionsOfThatSecond() {
        try (MysqlProcess server = scenario.restored("time")) {
            BinlogReplay.replay(server, scenario.binlogs, scenario.start, RecoveryTarget.time(scenario.endOfPhaseA),
                    ProgressListener.NONE);
            assertEquals(10, ids(server, "shop.orders").size());
            assertEquals("changed", ReplayScenario.row(server, "select note from shop.orders where id = 2").get(0));
            assertEquals(List.of(), ids(server, "shop.keep"));
        }
    }

    @Test
    void positionTargetStopsBeforeTheEventThere() {
        try (MysqlProcess server = scenario.restored("position")) {
            ReplayReport report = BinlogReplay.replay(server, scenario.binlogs, scenario.start,
                    RecoveryTarget.binlogPosition(scenario.fileAfterOrder9, scenario.positionAfterOrder9),
                    ProgressListener.NONE);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), ids(server, "shop.orders"));
            assertEquals(new StopPoint(scenario.fileAfterOrder9, scenario.positionAfterOrder9, report.stop().reason()),
                    report.stop());
        }
    }

    @Test
    void gtidTargetIncludesThatTransactionAndExclusiveLeavesItOut() {
        BinlogWindow window = BinlogWindow.scan(scenario.binlogs, scenario.start);
        StopPoint exclusive = TargetResolver.resolve(window, RecoveryTarget.gtid(scenario.gtidOfOrder8).exclusive());
        List<String> progress = new ArrayList<>();
        try (MysqlProcess server = scenario.restored("gtid")) {
            ReplayReport report = BinlogReplay.replay(server, scenario.binlogs, scenario.start,
                    RecoveryTarget.gtid(scenario.gtidOfOrder8), new ProgressListener() {
                        @Override
                        public void finished(io.firedrill.api.Operation operation, Duration elapsed) {
                            progress.add("finished");
                        }
                    });
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), ids(server, "shop.orders"));
            assertEquals(scenario.gtidOfOrder8, report.lastGtid());
            assertEquals(exclusive.position(), report.lastPosition(), "the exclusive stop is where order 8 starts");
            assertEquals(List.of("finished"), progress);
            if (installation().flavor() == MysqlFlavor.MYSQL) {
                assertTrue(report.serverGtidState().endsWith("-" + scenario.gtidOfOrder8.substring(
                        scenario.gtidOfOrder8.indexOf(':') + 1)), report.serverGtidState());
            } else {
                assertEquals(scenario.gtidOfOrder8, report.serverGtidState());
            }
        }
    }

    @Test
    void latestReplaysEverythingAndPutsServerSettingsBack() {
        try (MysqlProcess server = scenario.restored("latest")) {
            String serverId = ReplayScenario.row(server, "select @@server_id").get(0);
            BinlogReplay.replay(server, scenario.binlogs, scenario.start, RecoveryTarget.latest(), ProgressListener.NONE);
            assertEquals(List.of(), ReplayScenario.column(server, "show tables from shop like 'orders'"));
            assertEquals(List.of("1", "2", "3", "4", "5"), ids(server, "shop.keep"));
            assertEquals(List.of("orders2"), ReplayScenario.column(server, "show tables from shop like 'orders2'"));
            assertEquals(serverId, ReplayScenario.row(server, "select @@server_id").get(0), "server_id is put back");
            assertNoReplicaLeft(server);
        }
    }

    @Test
    void aSecondReplayContinuesFromWhereTheFirstStopped() {
        try (MysqlProcess server = scenario.restored("two-steps")) {
            ReplayReport first = BinlogReplay.replay(server, scenario.binlogs, scenario.start,
                    RecoveryTarget.gtid(scenario.gtidOfOrder8), ProgressListener.NONE);
            Coordinates resume = new Coordinates(first.stop().file(), first.stop().position(), first.serverGtidState());
            BinlogReplay.replay(server, scenario.binlogs, resume, RecoveryTarget.beforeDropOf("shop.orders"),
                    ProgressListener.NONE);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), ids(server, "shop.orders"));
            assertEquals(List.of("1", "2", "3"), ids(server, "shop.keep"));
            assertNoReplicaLeft(server);
        }
    }

    @Test
    void targetsOutsideTheWindowAndMissingFilesAreClearErrors() throws Exception {
        FiredrillException before = assertThrows(FiredrillException.class, () -> TargetResolver.resolve(
                BinlogWindow.scan(scenario.binlogs, scenario.start),
                RecoveryTarget.time(scenario.beforeBackup.minus(Duration.ofHours(1)))));
        assertEquals(ErrorCode.INVALID_TARGET, before.code());
        assertTrue(before.getMessage().contains("before the backup") && before.getMessage().contains(
                "the window runs from " + scenario.start), before.getMessage());
        try (MysqlProcess server = scenario.restored("after")) {
            FiredrillException after = assertThrows(FiredrillException.class, () -> BinlogReplay.replay(server,
                    scenario.binlogs, scenario.start, RecoveryTarget.time(scenario.endOfPhaseA.plus(Duration.ofDays(1))),
                    ProgressListener.NONE));
            assertEquals(ErrorCode.INVALID_TARGET, after.code());
            assertTrue(after.getMessage().contains("after the last archived transaction"), after.getMessage());
            assertEquals(List.of("1", "2", "3"), ids(server, "shop.orders"), "nothing was applied");

            boolean mysql = installation().flavor() == MysqlFlavor.MYSQL;
            server.execute(mysql ? "change replication source to source_host = 'primary.invalid'"
                    : "change master to master_host = 'primary.invalid'");
            FiredrillException replica = assertThrows(FiredrillException.class, () -> BinlogReplay.replay(server,
                    scenario.binlogs, scenario.start, RecoveryTarget.latest(), ProgressListener.NONE));
            assertEquals(ErrorCode.ENGINE_FAILURE, replica.code());
            assertTrue(replica.getMessage().contains("already configured as a replica"), replica.getMessage());
            assertEquals("primary.invalid", ReplayScenario.row(server, mysql ? "show replica status"
                    : "show slave status").get(1), "the existing replica configuration is left alone");
        }

        List<Path> withHole = new ArrayList<>(scenario.binlogs);
        Path middle = withHole.remove(1);
        FiredrillException gap = assertThrows(FiredrillException.class,
                () -> BinlogWindow.scan(withHole, scenario.start));
        assertEquals(ErrorCode.LOG_GAP, gap.code());
        assertTrue(gap.getMessage().startsWith("binlog file " + middle.getFileName() + " is missing"), gap.getMessage());
        assertTrue(Files.exists(middle));
    }

    private static void assertNoReplicaLeft(MysqlProcess server) {
        String status = server.installation().flavor() == MysqlFlavor.MYSQL ? "show replica status" : "show slave status";
        assertEquals(List.of(), ReplayScenario.row(server, status), "the replica configuration is reset");
    }

    private static List<String> ids(MysqlProcess server, String table) {
        return ReplayScenario.column(server, "select id from " + table + " order by id");
    }
}

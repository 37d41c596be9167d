package io.firedrill.postgres.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresProcess;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.TimelineHistory;
import io.firedrill.postgres.wal.WalContinuity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment missing from the archive, and recovery across a timeline switch, on PostgreSQL 15. */
class ArchiveGapsAndTimelinesIT {
    @TempDir
    Path tmp;

    @Test
    void aMissingSegmentIsNamedAndRecoveryPastItFailsClearly() throws Exception {
        try (ArchivingCluster cluster = ArchivingCluster.start(Installations.debian(), tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table t (id int)");
            BackupResult backup = cluster.backup(firedrill);
            String stream = backup.backup().metadata().get("systemIdentifier");
            for (int i = 0; i < 4; i++) {
                cluster.sql("insert into t select generate_series(1, 1000)");
                cluster.archiveEverything();
            }
            String lastLsn = ArchivingCluster.rows(cluster.server(), "select pg_current_wal_lsn()").get(0);
            cluster.archiveEverything();
            List<LogStore.LogFile> archived = firedrill.logs().list("postgres-" + stream);
            List<String> segments = archived.stream().map(LogStore.LogFile::name).filter(n -> n.length() == 24)
                    .sorted().toList();
            assertTrue(segments.size() >= 4, "segments archived: " + segments);
            String lost = segments.get(segments.size() - 3);
            firedrill.logs().delete("postgres-" + stream, lost);

            WalContinuity.Coverage coverage = WalContinuity.check(firedrill.logs().list("postgres-" + stream),
                    Lsn.parse(backup.backup().metadata().get("startLsn")), TimelineHistory.root(1), 16L * 1024 * 1024);
            assertEquals(lost, coverage.missing().orElseThrow().fileName(), "the continuity check names the segment");

            Path target = cluster.directory("past-the-gap");
            FiredrillException e = assertThrows(FiredrillException.class, () -> firedrill.restore()
                    .backup(backup.backup().id()).to(target).recover(RecoveryTarget.lsn(lastLsn)).run());
            assertEquals(ErrorCode.INVALID_TARGET, e.code());
            assertTrue(e.getMessage().contains(lost), e.getMessage());
            assertFalse(Files.exists(target), "nothing was restored: the target was refused first");

            FiredrillException latest = assertThrows(FiredrillException.class, () -> firedrill.restore()
                    .backup(backup.backup().id()).to(target).recover(RecoveryTarget.latest()).run());
            assertTrue(latest.getMessage().contains("would silently stop there"), latest.getMessage());
        }
    }

    @Test
    void recoveryFollowsATimelineSwitch() throws Exception {
        try (ArchivingCluster cluster = ArchivingCluster.start(Installations.debian(), tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table t (id int, era text)");
            cluster.sql("insert into t select g, 'before' from generate_series(1, 100) g");
            BackupResult backup = cluster.backup(firedrill);
            String stream = "postgres-" + backup.backup().metadata().get("systemIdentifier");
            cluster.sql("insert into t select g, 'timeline 1' from generate_series(101, 200) g");
            cluster.archiveEverything();

            // The incident: restore the backup and promote it (timeline 2): it becomes the new primary.
            Path promoted = cluster.directory("new-primary");
            firedrill.restore().backup(backup.backup().id()).to(promoted)
                    .recover(RecoveryTarget.latest().endAction(RecoveryTarget.EndAction.PROMOTE)).run();
            String history = TimelineHistory.fileName(2);
            try (InputStream in = Files.newInputStream(promoted.resolve("pg_wal").resolve(history))) {
                firedrill.logs().put(stream, history, in);
            }
            try (PostgresProcess primary2 = PostgresProcess.existing(Installations.debian(), promoted)
                    .startSetting("archive_mode", "on")
                    .startSetting("archive_command", cluster.archiveCommand())) {
                primary2.start(ArchivingCluster.freePort());
                primary2.execute("insert into t select g, 'timeline 2' from generate_series(201, 300) g");
                ArchivingCluster.archiveEverything(primary2);
                assertEquals("2", ArchivingCluster.rows(primary2, "select timeline_id from pg_control_checkpoint()")
                        .get(0));
            }

            // PITR from the same backup across the switch: timeline 1 up to the fork, then timeline 2.
            Path target = cluster.directory("across-the-switch");
            int port = ArchivingCluster.freePort();
            firedrill.restore().backup(backup.backup().id()).to(target).recover(RecoveryTarget.latest())
                    .startServer(port).run();
            try (RecoveredServer recovered = new RecoveredServer(Installations.debian(), target, port)) {
                assertEquals(List.of("before|100", "timeline 1|100", "timeline 2|100"),
                        recovered.rows("select era, count(*) from t group by era order by era"));
            }
        }
    }

}

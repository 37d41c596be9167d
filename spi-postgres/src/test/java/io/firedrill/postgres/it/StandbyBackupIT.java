package io.firedrill.postgres.it;

import static io.firedrill.postgres.it.ArchivingCluster.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken from a standby (seed 001's weekly full from a replica): the standby runs the backup API, the
 * primary archives the WAL and switches segments so the backup's last one completes, and the backup recovers.
 */
class StandbyBackupIT {
    @TempDir
    Path tmp;

    @Test
    void backsUpFromAStandbyAndRecoversIt() throws Exception {
        PostgresInstallation installation = Installations.debian();
        try (ArchivingCluster cluster = ArchivingCluster.start(installation, tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table accounts (id int primary key, balance int)");
            cluster.sql("insert into accounts select g, 100 from generate_series(1, 5000) g");
            Path standbyDir = cluster.directory("standby");
            Files.createDirectories(standbyDir);
            Files.setPosixFilePermissions(standbyDir, PosixFilePermissions.fromString("rwx------"));
            cluster.server().osUser().takeOwnership(standbyDir);
            Process basebackup = new ProcessBuilder(cluster.server().osUser().command(List.of(
                    installation.bin("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(cluster.server().port()), "-U", "postgres", "-D", standbyDir.toString(), "-R",
                    "-X", "stream", "-c", "fast"))).redirectErrorStream(true).start();
            String output = new String(basebackup.getInputStream().readAllBytes());
            assertEquals(0, basebackup.waitFor(), "pg_basebackup: " + output);
            try (PostgresProcess standby = PostgresProcess.existing(installation, standbyDir)) {
                standby.start();
                assertEquals("t", rows(standby, "select pg_is_in_recovery()").get(0));

                // A standby cannot switch WAL segments: the primary does, while the backup waits for its last one.
                CompletableFuture<BackupResult> backup = CompletableFuture.supplyAsync(() ->
                        firedrill.backup().database(standby.jdbcUrl("postgres")).sourceName("replica").run());
                while (!backup.isDone()) {
                    cluster.sql("insert into accounts values (100000 + (random() * 1000000)::int, 0) on conflict do nothing");
                    cluster.sql("select pg_switch_wal()");
                    Thread.sleep(500);
                }
                BackupResult result = backup.get(1, TimeUnit.SECONDS);
                assertEquals("true", result.backup().metadata().get("fromStandby"));

                cluster.sql("update accounts set balance = 250 where id <= 10");
                cluster.archiveEverything();
                Path target = cluster.directory("recovered-from-standby-backup");
                int port = ArchivingCluster.freePort();
                firedrill.restore().backup(result.backup().id()).to(target).recover(RecoveryTarget.latest())
                        .startServer(port).run();
                try (RecoveredServer recovered = new RecoveredServer(installation, target, port)) {
                    assertEquals(List.of("250|10"), recovered.rows(
                            "select balance, count(*) from accounts where id <= 10 group by balance"));
                    assertEquals(rows(cluster.server(), "select count(*) from accounts"),
                            recovered.rows("select count(*) from accounts"));
                }
                // The weekly fire drill of that backup: restore, recover, start, check, stop, with timings.
                io.firedrill.api.DrillReport drill = firedrill.drill().backup(result.backup().id()).run();
                assertEquals(List.of("restore", "recover", "check", "stop"),
                        drill.steps().stream().map(io.firedrill.api.DrillReport.Step::name).toList());
                org.junit.jupiter.api.Assertions.assertTrue(drill.steps().get(2).detail().startsWith("1 tables of postgres read in full"),
                        drill.steps().get(2).detail());
                standby.stop();
            }
        }
    }

}

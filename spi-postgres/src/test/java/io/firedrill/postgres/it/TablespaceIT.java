package io.firedrill.postgres.it;

import static io.firedrill.postgres.it.ArchivingCluster.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table in a user tablespace is backed up as its own tree and recovered under pg_tblspc of the new directory. */
class TablespaceIT {
    @TempDir
    Path tmp;

    @Test
    void backsUpAndRecoversATablespace() throws Exception {
        PostgresInstallation installation = Installations.debian();
        try (ArchivingCluster cluster = ArchivingCluster.start(installation, tmp);
             Firedrill firedrill = cluster.firedrill()) {
            Path location = cluster.directory("tablespace");
            Files.createDirectories(location);
            Files.setPosixFilePermissions(location, PosixFilePermissions.fromString("rwx------"));
            cluster.server().osUser().takeOwnership(location);
            cluster.sql("create tablespace fast location '" + location + "'");
            cluster.sql("create table hot (id int, payload text) tablespace fast");
            cluster.sql("insert into hot select g, repeat('x', 100) from generate_series(1, 20000) g");
            BackupResult backup = cluster.backup(firedrill);
            cluster.sql("insert into hot select g, 'after' from generate_series(20001, 20100) g");
            cluster.archiveEverything();

            Path target = cluster.directory("recovered");
            int port = ArchivingCluster.freePort();
            firedrill.restore().backup(backup.backup().id()).to(target).recover(RecoveryTarget.latest())
                    .startServer(port).run();
            String oid = rows(cluster.server(), "select oid from pg_tablespace where spcname = 'fast'").get(0);
            assertTrue(Files.isDirectory(target.resolve("pg_tblspc").resolve(oid)), "the tablespace is restored");
            try (RecoveredServer recovered = new RecoveredServer(installation, target, port)) {
                assertEquals(List.of("20100"), recovered.rows("select count(*) from hot"));
                assertEquals(List.of("100"), recovered.rows("select count(*) from hot where payload = 'after'"));
            }
        }
    }

}

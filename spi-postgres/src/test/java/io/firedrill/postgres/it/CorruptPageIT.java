package io.firedrill.postgres.it;

import static io.firedrill.postgres.it.ArchivingCluster.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Firedrill;
import io.firedrill.postgres.backup.PageChecksums;
import io.firedrill.postgres.server.Installations;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page checksums verified while a backup reads the files: a clean cluster's backup, taken under a write workload,
 * reports no corrupt page; after one byte in the middle of a table's block 1 is changed behind the server's back,
 * the next backup still completes and reports exactly that page, by file and block.
 */
class CorruptPageIT {
    @TempDir
    Path tmp;

    @Test
    void aCorruptPageIsReportedByFileAndBlock() throws Exception {
        try (ArchivingCluster cluster = ArchivingCluster.start(Installations.debian(), tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table orders (id bigserial primary key, note text, at timestamptz default clock_timestamp())");
            cluster.sql("create table accounts (id int primary key, owner text, balance numeric)");
            cluster.sql("insert into accounts select g, 'owner ' || g || repeat('.', 80), g * 10 "
                    + "from generate_series(1, 5000) g");
            // Hint bits and the visibility map are set now, so reading the table later does not rewrite its pages.
            cluster.sql("vacuum freeze accounts");
            cluster.sql("checkpoint");
            String file = rows(cluster.server(), "select pg_relation_filepath('accounts')").get(0);
            assertTrue(Long.parseLong(rows(cluster.server(),
                    "select pg_relation_size('accounts') / 8192").get(0)) > 3, "the table has several pages");

            BackupInfo clean;
            try (Workload workload = Workload.start(cluster.server())) {
                // Pages written while the backup reads them are neither torn nor taken for corruption.
                cluster.sql("update accounts set balance = balance + 1 where id % 7 = 0");
                clean = cluster.backup(firedrill).backup();
                assertTrue(workload.stopAndCount() > 0, "the workload wrote during the backup");
            }
            assertEquals("0", clean.metadata().get("corruptPages"), clean.metadata().toString());
            assertFalse(clean.metadata().containsKey("corruptPageList"));

            cluster.server().stop();
            Path path = cluster.server().dataDir().resolve(file);
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                long position = PageChecksums.PAGE_SIZE + PageChecksums.PAGE_SIZE / 2;
                raf.seek(position);
                int b = raf.read();
                raf.seek(position);
                raf.write(b ^ 0x5A);
                raf.getFD().sync();
            }
            cluster.server().start();

            BackupInfo corrupt = cluster.backup(firedrill).backup();
            Map<String, String> summary = corrupt.metadata();
            assertEquals("1", summary.get("corruptPages"), summary.toString());
            assertEquals(file + " block 1", summary.get("corruptPageList"));
            assertEquals(2, firedrill.list().size(), "the backup with a corrupt page is kept and listed");
        }
    }
}

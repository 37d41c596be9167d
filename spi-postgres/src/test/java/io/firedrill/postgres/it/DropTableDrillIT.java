package io.firedrill.postgres.it;

import static io.firedrill.postgres.it.ArchivingCluster.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.postgres.export.PostgresExport;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresInstallation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 002's fire drill: a workload writes continuously, a table is dropped at T, writes go on; recovery to just
 * before T into a new directory brings the table back with its content at T, with no later write, and the primary
 * is left untouched.
 */
class DropTableDrillIT {
    @TempDir
    Path tmp;

    static Stream<PostgresInstallation> installations() {
        return Installations.both();
    }

    @ParameterizedTest
    @MethodSource("installations")
    void recoversADroppedTableToJustBeforeTheDrop(PostgresInstallation installation) throws Exception {
        try (ArchivingCluster cluster = ArchivingCluster.start(installation, tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table orders (id bigserial primary key, note text, at timestamptz default clock_timestamp())");
            cluster.sql("create table customers (id int primary key, name text)");
            cluster.sql("insert into customers select g, 'customer ' || g from generate_series(1, 2000) g");

            BackupResult backup = cluster.backup(firedrill);
            assertEquals("postgres-physical", backup.backup().kind());

            try (Workload workload = Workload.start(cluster.server())) {
                Thread.sleep(1000);
                cluster.sql("update customers set name = name || ' (edited after the backup)' where id <= 25");
                Thread.sleep(500);
                List<String> customersAtT = rows(cluster.server(), "select id, name from customers order by id");
                Instant t = Instant.parse(rows(cluster.server(),
                        "select to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").get(0));
                cluster.sql("drop table customers");
                Thread.sleep(1000);
                workload.stopAndCount();
                cluster.archiveEverything();

                Path target = cluster.directory("recovered");
                int port = ArchivingCluster.freePort();
                RestoreResult result = firedrill.restore().backup(backup.backup().id()).to(target)
                        .recover(RecoveryTarget.time(t)).startServer(port).run();
                assertTrue(result.recovery().orElseThrow().running());
                try (RecoveredServer recovered = new RecoveredServer(installation, target, port)) {
                    assertEquals(customersAtT, recovered.rows( "select id, name from customers order by id"),
                            "the dropped table is back with its content at T");
                    assertEquals("0", recovered.rows( "select count(*) from orders where at > '" + t + "'").get(0),
                            "no write after T is present");
                    long recoveredOrders = Long.parseLong(recovered.rows( "select count(*) from orders").get(0));
                    assertTrue(recoveredOrders > 0, "writes before T are present");
                    long primaryOrders = Long.parseLong(rows(cluster.server(), "select count(*) from orders").get(0));
                    assertTrue(primaryOrders > recoveredOrders, "the primary kept its later writes");
                    assertEquals("0", rows(cluster.server(),
                            "select count(*) from pg_tables where tablename = 'customers'").get(0),
                            "the primary is untouched: the table is still dropped there");
                }
            }
        }
    }


    @org.junit.jupiter.api.Test
    void recoversToJustBeforeTheTransactionThatDroppedTheTable() throws Exception {
        PostgresInstallation installation = Installations.debian();
        try (ArchivingCluster cluster = ArchivingCluster.start(installation, tmp);
             Firedrill firedrill = cluster.firedrill()) {
            cluster.sql("create table orders (id bigserial primary key, note text, at timestamptz default clock_timestamp())");
            cluster.sql("create table customers (id int primary key, name text)");
            cluster.sql("insert into customers select g, 'customer ' || g from generate_series(1, 500) g");
            BackupResult backup = cluster.backup(firedrill);
            List<String> customersBeforeDrop;
            String ordersBeforeDrop;
            try (Workload workload = Workload.start(cluster.server())) {
                Thread.sleep(800);
                cluster.sql("update customers set name = 'vip' where id = 7");
                Thread.sleep(300);
                workload.stopAndCount();
                customersBeforeDrop = rows(cluster.server(), "select id, name from customers order by id");
                ordersBeforeDrop = rows(cluster.server(), "select count(*) from orders").get(0);
                cluster.sql("drop table customers");
                cluster.sql("insert into orders (note) values ('after the drop')");
                cluster.archiveEverything();
            }
            Path target = cluster.directory("before-drop");
            int port = ArchivingCluster.freePort();
            RestoreResult result = firedrill.restore().backup(backup.backup().id()).to(target)
                    .recover(RecoveryTarget.beforeDropOf("public.customers")).startServer(port).run();
            assertTrue(result.recovery().orElseThrow().reached().startsWith("just before transaction"),
                    result.recovery().orElseThrow().reached());
            try (RecoveredServer recovered = new RecoveredServer(installation, target, port)) {
                assertEquals(customersBeforeDrop, recovered.rows("select id, name from customers order by id"));
                assertEquals(ordersBeforeDrop, recovered.rows("select count(*) from orders").get(0),
                        "every write before the drop, and none after it");

                // Granular recovery: take the table out of the recovered server.
                Path csv = cluster.directory("customers.csv");
                assertEquals(500, PostgresExport.tableAsCsv("jdbc:postgresql://127.0.0.1:" + port
                        + "/postgres?user=postgres", "public.customers", csv));
                assertEquals("id,name", java.nio.file.Files.readAllLines(csv).get(0));
                assertTrue(java.nio.file.Files.readAllLines(csv).contains("7,vip"), "the CSV holds the rows");
                Path sql = cluster.directory("customers.sql");
                PostgresExport.dump(installation, "127.0.0.1", port, "postgres", "postgres", "public.customers", sql);
                String dump = java.nio.file.Files.readString(sql);
                assertTrue(dump.contains("CREATE TABLE public.customers"), "the dump recreates the table");
                assertTrue(dump.contains("7\tvip"), "and its rows");
            }
        }
    }
}

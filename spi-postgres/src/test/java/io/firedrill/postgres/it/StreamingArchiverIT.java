package io.firedrill.postgres.it;

import static io.firedrill.postgres.it.ArchivingCluster.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.TimelineHistory;
import io.firedrill.postgres.wal.WalContinuity;
import io.firedrill.postgres.wal.WalSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WAL streaming over the replication protocol ({@code firedrill.archiveLogs()}) against real servers with no
 * archive_command: archived segments equal the server's own files, a dropped connection and server restarts
 * leave no gap, a backup and a point-in-time recovery work from streamed WAL alone, and the status reports lag.
 */
class StreamingArchiverIT {
    private static final char[] PASSPHRASE = "streaming test passphrase".toCharArray();

    @TempDir
    Path tmp;

    @BeforeAll
    static void fastSettings() {
        System.setProperty("firedrill.postgres.partialInterval", "PT1S");
        System.setProperty("firedrill.postgres.reconnectBackoff", "PT0.2S");
        System.setProperty("firedrill.postgres.reconnectBackoffMax", "PT1S");
    }

    @AfterAll
    static void clearSettings() {
        System.clearProperty("firedrill.postgres.partialInterval");
        System.clearProperty("firedrill.postgres.reconnectBackoff");
        System.clearProperty("firedrill.postgres.reconnectBackoffMax");
    }

    static Stream<PostgresInstallation> installations() {
        return Installations.both();
    }

    @ParameterizedTest
    @MethodSource("installations")
    void archivesSegmentsIdenticalToTheServersAndReportsLag(PostgresInstallation installation) throws Exception {
        try (Cluster cluster = Cluster.start(installation, tmp);
             LogArchiver archiver = cluster.firedrill.archiveLogs().from(cluster.url()).start()) {
            String stream = cluster.stream();
            assertTrue(archiver.running());
            cluster.sql("create table t (id int primary key, payload text)");
            cluster.sql("insert into t select g, repeat('x', 60) || g from generate_series(1, 100000) g");
            String firstSwitched = cluster.switchWal();
            cluster.sql("update t set payload = payload || 'y' where id % 3 = 0");
            cluster.switchWal();
            cluster.sql("insert into t select g, 'again ' || g from generate_series(100001, 120000) g");
            String lastSwitched = cluster.switchWal();
            cluster.awaitArchived(lastSwitched);
            assertTrue(cluster.logs().find(stream, firstSwitched).isPresent());

            LogArchiverStatus before = archiver.status();
            assertNotNull(before.lastArchivedPosition(), "something was archived: " + before);
            assertTrue(before.lagBytes() >= 0, "lag in bytes is known and not negative: " + before);
            assertTrue(before.lagSeconds() >= 0, "lag in seconds is known and not negative: " + before);

            // The open segment reaches the archive as a .partial file within the partial interval.
            cluster.sql("insert into t select g, 'open segment ' || g from generate_series(120001, 121000) g");
            String open = rows(cluster.server, "select pg_walfile_name(pg_current_wal_flush_lsn())").get(0);
            await("the open segment " + open + " is persisted as .partial",
                    () -> cluster.logs().find(stream, open + ".partial").isPresent(), Duration.ofSeconds(15));
            await("the last archived position advances past " + before.lastArchivedPosition(), () -> Lsn.parse(
                    archiver.status().lastArchivedPosition()).compareTo(Lsn.parse(before.lastArchivedPosition())) > 0,
                    Duration.ofSeconds(15));
            await("the lag falls to nothing once idle", () -> archiver.status().lagBytes() == 0, Duration.ofSeconds(15));
            LogArchiverStatus after = archiver.status();
            assertTrue(after.connected() && after.running(), after.toString());
            assertTrue(after.lagSeconds() >= 0 && after.lagSeconds() < 5, "lag in seconds is small when idle: " + after);

            // Every complete segment is byte for byte the server's own file (kept by wal_keep_size), and no
            // .partial file is left for a complete segment.
            long segmentSize = cluster.segmentSize();
            int compared = 0;
            List<LogStore.LogFile> files = cluster.logs().list(stream);
            for (LogStore.LogFile f : files) {
                Optional<WalSegment> segment = WalSegment.parse(f.name(), segmentSize);
                if (segment.isEmpty()) {
                    continue;
                }
                assertEquals(segmentSize, f.size(), f.name());
                assertFalse(files.stream().anyMatch(g -> g.name().equals(f.name() + ".partial")),
                        "no partial file left beside " + f.name());
                Path fetched = tmp.resolve("fetched-" + f.name());
                cluster.logs().fetch(stream, f.name(), fetched);
                byte[] server = Files.readAllBytes(cluster.server.dataDir().resolve("pg_wal").resolve(f.name()));
                assertArrayEquals(server, Files.readAllBytes(fetched), f.name() + " equals the server's file");
                Files.delete(fetched);
                compared++;
            }
            assertTrue(compared >= 3, "at least three complete segments compared, got " + compared);
        }
    }

    @Test
    void resumesWithoutAGapAfterADroppedConnectionARestartAndACrash() throws Exception {
        PostgresInstallation installation = Installations.debian();
        AtomicInteger failures = new AtomicInteger();
        ProgressListener counting = new ProgressListener() {
            @Override
            public void failed(Operation operation, FiredrillException failure) {
                failures.incrementAndGet();
            }
        };
        try (Cluster cluster = Cluster.start(installation, tmp);
             LogArchiver archiver = cluster.firedrill.archiveLogs().from(cluster.url()).listener(counting).start()) {
            String stream = cluster.stream();
            cluster.sql("create table orders (id bigserial primary key, note text, at timestamptz default clock_timestamp())");
            String first = rows(cluster.server, "select pg_walfile_name(pg_current_wal_lsn())").get(0);
            try (Workload workload = Workload.start(cluster.server)) {
                cluster.sql("insert into orders (note) select 'bulk ' || g from generate_series(1, 30000) g");
                Thread.sleep(1500);
                List<String> terminated = rows(cluster.server, "select pg_terminate_backend(pid)::text from "
                        + "pg_stat_replication where application_name = 'firedrill_wal_stream'");
                assertEquals(List.of("true"), terminated, "the walsender was found and terminated");
                cluster.sql("insert into orders (note) select 'after terminate ' || g from generate_series(1, 30000) g");
                cluster.switchWal();
                Thread.sleep(1000);
                workload.stopAndCount();
            }
            await("the archiver reconnected", () -> archiver.status().connected(), Duration.ofSeconds(15));

            cluster.sql("insert into orders (note) select 'before restart ' || g from generate_series(1, 30000) g");
            cluster.server.restart();
            cluster.sql("insert into orders (note) select 'after restart ' || g from generate_series(1, 30000) g");
            cluster.awaitArchived(cluster.switchWal());
            cluster.sql("insert into orders (note) select 'before crash ' || g from generate_series(1, 30000) g");
            int port = cluster.server.port();
            cluster.server.kill();
            cluster.server.start(port);
            cluster.sql("insert into orders (note) select 'after crash ' || g from generate_series(1, 30000) g");
            String last = cluster.switchWal();
            cluster.awaitArchived(last);

            assertTrue(failures.get() > 0, "the dropped connections were reported to the listener");
            assertTrue(archiver.running(), "the archiver survived them");
            long segmentSize = cluster.segmentSize();
            WalSegment firstSegment = WalSegment.parse(first, segmentSize).orElseThrow();
            WalSegment lastSegment = WalSegment.parse(last, segmentSize).orElseThrow();
            WalContinuity.Coverage coverage = WalContinuity.check(cluster.logs().list(stream), firstSegment.start(),
                    TimelineHistory.root(1), segmentSize);
            assertFalse(coverage.hasHole(), "no hole: " + coverage);
            assertTrue(coverage.lastSegment().orElseThrow().compareTo(lastSegment) >= 0,
                    "the unbroken run reaches " + last + ": " + coverage);
        }
    }

    @Test
    void backupAndPointInTimeRecoveryFromStreamedWal() throws Exception {
        PostgresInstallation installation = Installations.debian();
        try (Cluster cluster = Cluster.start(installation, tmp);
             LogArchiver archiver = cluster.firedrill.archiveLogs().from(cluster.url()).start()) {
            cluster.sql("create table customers (id int primary key, name text)");
            cluster.sql("insert into customers select g, 'customer ' || g from generate_series(1, 2000) g");

            BackupResult backup = cluster.firedrill.backup().database(cluster.url()).run();
            assertEquals("postgres-physical", backup.backup().kind());

            cluster.sql("update customers set name = name || ' (edited after the backup)' where id <= 25");
            cluster.sql("insert into customers select g, 'late customer ' || g from generate_series(2001, 2500) g");
            List<String> atTarget = rows(cluster.server, "select id, name from customers order by id");
            Thread.sleep(50);
            Instant target = Instant.parse(rows(cluster.server,
                    "select to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").get(0));
            Thread.sleep(50);
            cluster.sql("delete from customers where id > 1000");
            cluster.sql("drop table customers");
            cluster.awaitArchived(cluster.switchWal());
            assertTrue(archiver.running());

            Path restored = cluster.base.resolve("recovered");
            int port = ArchivingCluster.freePort();
            RestoreResult result = cluster.firedrill.restore().backup(backup.backup().id()).to(restored)
                    .recover(RecoveryTarget.time(target)).startServer(port).run();
            assertTrue(result.recovery().orElseThrow().running());
            try (RecoveredServer recovered = new RecoveredServer(installation, restored, port)) {
                assertEquals(atTarget, recovered.rows("select id, name from customers order by id"),
                        "the table is back as it was at the target, after the backup, from streamed WAL");
            }
        }
    }

    @Test
    void followsAPromotedStandbyOntoItsNewTimeline() throws Exception {
        PostgresInstallation installation = Installations.debian();
        try (Cluster cluster = Cluster.start(installation, tmp)) {
            cluster.sql("create table events (id bigserial primary key, note text)");
            Path standbyDir = cluster.base.resolve("standby");
            Files.createDirectories(standbyDir);
            Files.setPosixFilePermissions(standbyDir, PosixFilePermissions.fromString("rwx------"));
            cluster.server.osUser().takeOwnership(standbyDir);
            Process basebackup = new ProcessBuilder(cluster.server.osUser().command(List.of(
                    installation.bin("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(cluster.server.port()), "-U", "postgres", "-D", standbyDir.toString(), "-R",
                    "-X", "stream", "-c", "fast"))).redirectErrorStream(true).start();
            String output = new String(basebackup.getInputStream().readAllBytes());
            assertEquals(0, basebackup.waitFor(), "pg_basebackup: " + output);
            try (PostgresProcess standby = PostgresProcess.existing(installation, standbyDir)) {
                standby.start();
                String standbyUrl = standby.jdbcUrl("postgres");
                try (LogArchiver archiver = cluster.firedrill.archiveLogs().from(standbyUrl).start()) {
                    String stream = cluster.stream();
                    WalSegment first = WalSegment.containing(1, Lsn.parse(rows(standby,
                            "select pg_last_wal_replay_lsn()::text").get(0)), cluster.segmentSize(standby));
                    cluster.sql("insert into events (note) select 'timeline 1 ' || g from generate_series(1, 50000) g");
                    cluster.awaitArchived(cluster.switchWal());
                    cluster.sql("insert into events (note) select 'timeline 1 tail ' || g from generate_series(1, 1000) g");
                    String tail = rows(cluster.server, "select pg_current_wal_flush_lsn()::text").get(0);
                    await("the standby replayed " + tail, () -> Lsn.parse(rows(standby,
                            "select pg_last_wal_replay_lsn()::text").get(0)).compareTo(Lsn.parse(tail)) >= 0,
                            Duration.ofSeconds(30));
                    cluster.server.stop();
                    standby.promote();
                    await("the standby is promoted", () -> rows(standby, "select pg_is_in_recovery()::text").get(0)
                            .equals("false"), Duration.ofSeconds(30));
                    standby.execute("insert into events (note) select 'timeline 2 ' || g from generate_series(1, 50000) g");
                    String last = rows(standby, "select pg_walfile_name(pg_switch_wal())").get(0);
                    assertTrue(last.startsWith("00000002"), last);
                    await(last + " is archived", () -> cluster.logs().find(stream, last).isPresent(),
                            Duration.ofSeconds(30));
                    assertTrue(cluster.logs().find(stream, "00000002.history").isPresent(), "the history is archived");
                    long segmentSize = cluster.segmentSize(standby);
                    Path historyFile = tmp.resolve("history");
                    cluster.logs().fetch(stream, "00000002.history", historyFile);
                    TimelineHistory history = TimelineHistory.parse(2, Files.readString(historyFile));
                    WalContinuity.Coverage coverage = WalContinuity.check(cluster.logs().list(stream),
                            first.start(), history, segmentSize);
                    assertFalse(coverage.hasHole(), "no hole across the switch: " + coverage);
                    assertTrue(coverage.lastSegment().orElseThrow().compareTo(
                            WalSegment.parse(last, segmentSize).orElseThrow()) >= 0, coverage.toString());
                    assertTrue(archiver.running());
                }
                standby.stop();
            }
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }


    /** A cluster with no archive_command, keeping plenty of WAL, and an open repository beside it. */
    private static final class Cluster implements AutoCloseable {
        final Path base;
        final PostgresProcess server;
        final Firedrill firedrill;
        private String stream;

        private Cluster(Path base, PostgresProcess server, Firedrill firedrill) {
            this.base = base;
            this.server = server;
            this.firedrill = firedrill;
        }

        static Cluster start(PostgresInstallation installation, Path tmp) throws Exception {
            Path base = Installations.reachable(tmp, "cluster");
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path repository = base.resolve("repository");
            Firedrill.configure().repository(repository).passphrase(PASSPHRASE)
                    .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
            PostgresProcess server = PostgresProcess.initialize(installation, base.resolve("primary"),
                    InitOptions.defaults().withSettings(Map.of("wal_keep_size", "2GB", "max_wal_size", "1GB")));
            server.start();
            Firedrill firedrill = Firedrill.configure().repository(repository).passphrase(PASSPHRASE)
                    .lockWait(Duration.ofMinutes(2)).load();
            return new Cluster(base, server, firedrill);
        }

        String url() {
            return server.jdbcUrl("postgres");
        }

        LogStore logs() {
            return firedrill.logs();
        }

        long segmentSize() {
            return segmentSize(server);
        }

        long segmentSize(PostgresProcess on) {
            return Long.parseLong(rows(on, "select setting from pg_settings where name = 'wal_segment_size'").get(0));
        }

        String stream() {
            if (stream == null) {
                stream = "postgres-" + rows(server, "select system_identifier::text from pg_control_system()").get(0);
            }
            return stream;
        }

        void sql(String sql) {
            server.execute(sql);
        }

        /** Switches segments; returns the segment the switch completed. */
        String switchWal() {
            return rows(server, "select pg_walfile_name(pg_switch_wal())").get(0);
        }

        void awaitArchived(String segment) throws InterruptedException {
            String stream = stream();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (logs().find(stream, segment).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(segment + " was not streamed in time; archived: " + logs().list(stream)
                            .stream().map(LogStore.LogFile::name).toList() + "; server log:\n" + server.logTail(30));
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() {
            try {
                firedrill.close();
            } finally {
                server.close();
            }
        }
    }
}

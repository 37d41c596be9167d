package io.firedrill.mysql.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.mysql.server.MysqlProcess;
import io.firedrill.mysql.server.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed 003's incident, end to end on each server: binary logs streamed into the repository as a workload writes, a
 * logical backup taken while it writes, {@code DROP TABLE} at T, more writes (across a binlog rotation), then a
 * point-in-time restore to just before the drop into a new server: the table is back with every row it had at T,
 * and no transaction after T is there. A target beyond the archive is refused, naming the window, before anything
 * is restored; the latest target replays everything.
 */
class DropTableDrillIT {
    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    private static final int BEFORE_BACKUP = 60;
    private static final int BEFORE_DROP = 120;
    private static final int AFTER_DROP = 80;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestServers.class)
    void restoresTheDroppedTableAsItWasJustBeforeTheDrop(TestServers server) throws Exception {
        Path repo = temp.resolve("repo");
        Firedrill.configure().repository(repo).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        try (MysqlProcess source = MysqlProcess.initialize(server.installation(), temp.resolve("source")).start();
             Firedrill fd = Firedrill.configure().repository(repo).passphrase(PASSPHRASE).parallelism(2).load()) {
            source.execute("CREATE DATABASE shop");
            source.execute("CREATE TABLE shop.orders (seq INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(40))");
            source.execute("CREATE TABLE shop.events (seq INT PRIMARY KEY, what VARCHAR(40))");
            String url = source.jdbcUrl();
            AtomicInteger written = new AtomicInteger();
            AtomicInteger droppedAt = new AtomicInteger(-1);
            CompletableFuture<Void> backupTaken = new CompletableFuture<>();
            try (LogArchiver archiver = fd.archiveLogs().from(url).start()) {
                CompletableFuture<Void> workload = CompletableFuture.runAsync(() ->
                        write(source, written, droppedAt, backupTaken));
                awaitCount(written, BEFORE_BACKUP);
                BackupInfo backup = fd.backup().database(url).run().backup();
                backupTaken.complete(null);
                workload.get();
                assertEquals("mysql-logical", backup.kind());
                awaitArchived(source, archiver);
            }
            int t = droppedAt.get();
            assertTrue(t > BEFORE_BACKUP, "the drop came after the backup");

            FiredrillException beyond = assertThrows(FiredrillException.class, () -> fd.restore().latest()
                    .to(temp.resolve("beyond")).recover(RecoveryTarget.time(Instant.now().plusSeconds(3600))).run());
            assertEquals(ErrorCode.INVALID_TARGET, beyond.code(), beyond.getMessage());
            assertFalse(Files.exists(temp.resolve("beyond/mysql")), "nothing was restored");

            RestoreResult pitr = fd.restore().latest().to(temp.resolve("pitr"))
                    .recover(RecoveryTarget.beforeDropOf("shop.orders")).run();
            assertTrue(pitr.recovery().orElseThrow().reached().contains("replayed"), pitr.recovery().get().reached());
            try (MysqlProcess restored = MysqlProcess.existing(server.installation(), temp.resolve("pitr")).start()) {
                assertEquals(t, count(restored, "SELECT COUNT(*) FROM shop.orders"), "every order written before T");
                assertEquals(t, count(restored, "SELECT MAX(seq) FROM shop.orders"));
                assertEquals(t, count(restored, "SELECT COUNT(*) FROM shop.events"), "no event after T");
                assertEquals(t, count(restored, "SELECT MAX(seq) FROM shop.events"));
            }

            fd.restore().latest().to(temp.resolve("latest")).recover(RecoveryTarget.latest()).run();
            try (MysqlProcess restored = MysqlProcess.existing(server.installation(), temp.resolve("latest")).start()) {
                assertEquals(written.get(), count(restored, "SELECT COUNT(*) FROM shop.events"));
                assertEquals(0, count(restored, "SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'shop' AND table_name = 'orders'"), "the drop replayed too");
            }
        }
    }

    /**
     * One transaction per order and per event; after the backup, a binlog rotation, then {@code DROP TABLE} between
     * two iterations (so T is exact), then events only.
     */
    private static void write(MysqlProcess source, AtomicInteger written, AtomicInteger droppedAt,
                              CompletableFuture<Void> backupTaken) {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            for (int seq = 1; seq <= BEFORE_DROP + AFTER_DROP; seq++) {
                if (seq == BEFORE_BACKUP + 1) {
                    backupTaken.get();
                    s.execute("FLUSH BINARY LOGS");
                }
                if (seq <= BEFORE_DROP) {
                    s.execute("INSERT INTO shop.orders VALUES (" + seq + ", " + seq + ".25, 'order " + seq + "')");
                }
                s.execute("INSERT INTO shop.events VALUES (" + seq + ", 'event " + seq + "')");
                written.set(seq);
                if (seq == BEFORE_DROP) {
                    s.execute("DROP TABLE shop.orders");
                    droppedAt.set(seq);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the workload failed: " + e, e);
        }
    }

    private static void awaitCount(AtomicInteger counter, int value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (counter.get() < value) {
            assertTrue(System.nanoTime() < deadline, "the workload stalled at " + counter.get());
            Thread.sleep(20);
        }
    }

    /** Waits until the archive holds everything the server has written. */
    private static void awaitArchived(MysqlProcess source, LogArchiver archiver) throws Exception {
        String end;
        try (Connection c = source.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            end = rs.getString(1) + ":" + rs.getLong(2);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LogArchiverStatus status = archiver.status();
        while (!end.equals(status.lastArchivedPosition())) {
            assertTrue(System.nanoTime() < deadline, "the archive did not reach " + end + ": " + status);
            Thread.sleep(100);
            status = archiver.status();
        }
    }

    private static int count(MysqlProcess server, String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

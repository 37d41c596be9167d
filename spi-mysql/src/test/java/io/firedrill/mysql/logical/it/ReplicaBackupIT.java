package io.firedrill.mysql.logical.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.engine.MysqlEngineProvider;
import io.firedrill.mysql.server.MysqlInstallation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup of a replica while its source takes writes: the backup stops the replica's SQL thread (not its IO
 * thread) around the global read lock, starts it again before dumping any data, and records the source's
 * coordinates of the snapshot, which count exactly the rows a restore of the backup holds. With the pause turned off
 * replication is left alone; a SQL thread the operator stopped stays stopped; a backup user without the right to stop
 * it gets an error naming the grant.
 */
class ReplicaBackupIT {
    private static final char[] PASSPHRASE = LogicalRoundTripIT.PASSPHRASE;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.firedrill.mysql.logical.it.LogicalRoundTripIT#installations")
    void backupOfAReplicaPausesOnlyItsApplier(MysqlInstallation installation) throws Exception {
        Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        System.setProperty("firedrill.mysql.threads", "2");
        try (ReplicationPair pair = ReplicationPair.start(installation, temp);
             Firedrill fd = Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE).load()) {
            pair.source.execute("CREATE USER 'backup'@'%' IDENTIFIED BY 'backup-secret'");
            pair.source.execute("GRANT SELECT, RELOAD, LOCK TABLES, SHOW VIEW, TRIGGER, EVENT, REPLICATION CLIENT"
                    + (pair.mysql ? "" : ", SLAVE MONITOR") + " ON *.* TO 'backup'@'%'");
            pair.source.execute("CREATE DATABASE bank");
            pair.source.execute("CREATE TABLE bank.journal (seq BIGINT AUTO_INCREMENT PRIMARY KEY, amount INT)");
            pair.awaitCaughtUp();
            String[] before = pair.sourcePosition();
            long beforeSequence = sequence(pair, sourceGtid(pair));
            pair.replica.execute("SET GLOBAL log_output = 'TABLE'");
            pair.replica.execute("SET GLOBAL general_log = 'ON'");
            String replicaUrl = pair.replica.jdbcUrl() + "&allowPublicKeyRetrieval=true";

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong committed = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Thread writer = new Thread(() -> write(pair, stop, committed, failure));
                writers.add(writer);
                writer.start();
            }
            BackupInfo backup;
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (committed.get() < 300 || replicated(pair) < 100) {
                    assertTrue(System.nanoTime() < deadline, "the replica applies nothing: "
                            + pair.replicaStatus("Last_SQL_Error") + " " + failure.get());
                    Thread.sleep(10);
                }
                long atStart = committed.get();
                backup = fd.backup().database(replicaUrl).run().backup();
                long atEnd = committed.get();
                assertTrue(atEnd > atStart, "the source took writes during the backup");
                while (committed.get() < atEnd + 50) {
                    Thread.sleep(10);
                }
            } finally {
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join();
                }
            }
            assertEquals(null, failure.get());

            // the applier was paused around the lock only, and runs again; the receiver never stopped
            Map<String, String> meta = backup.metadata();
            assertEquals("paused", meta.get("replicaApplier"), meta.toString());
            assertTrue(meta.get("binlog").startsWith("binlog."), "the replica's own coordinates: " + meta);
            assertEquals("Yes", pair.replicaStatus("Slave_SQL_Running"));
            assertEquals("Yes", pair.replicaStatus("Slave_IO_Running"));
            List<String> log = controlStatements(pair);
            assertEquals(List.of("STOP", "FLUSH TABLES WITH READ LOCK", "UNLOCK TABLES", "START", "DUMP"), log,
                    "the SQL thread is stopped around the lock and started before the data is read");

            // the recorded source coordinates are those of the snapshot
            String[] sourceBinlog = meta.get("sourceBinlog").split(":");
            assertEquals(before[0], sourceBinlog[0]);
            long byPosition = pair.commitsBetween(before[0], Long.parseLong(before[1]),
                    Long.parseLong(sourceBinlog[1]));
            long byGtid = sequence(pair, meta.get("sourceGtid")) - beforeSequence;
            assertEquals(byGtid, byPosition, meta.toString());
            assertTrue(byGtid > 0 && byGtid < committed.get(), byGtid + " of " + committed.get());
            int port = LogicalRoundTripIT.freePort();
            Path restored = temp.resolve("restored");
            fd.restore().backup(backup.id()).to(restored).recover(RecoveryTarget.immediate()).startServer(port).run();
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
                    + "/?user=root&allowPublicKeyRetrieval=true")) {
                assertEquals(Long.toString(byGtid), SampleData.query(c, "SELECT COUNT(*) FROM bank.journal"),
                        "the restored journal holds exactly the source transactions up to " + meta.get("sourceGtid"));
            } finally {
                new MysqlEngineProvider().recovery().stop(restored, Map.of());
            }

            // with the pause turned off, replication is left alone; the position is read under the global read lock
            System.setProperty("firedrill.mysql.replicaPause", "false");
            BackupInfo unpaused;
            try {
                unpaused = fd.backup().database(replicaUrl).run().backup();
            } finally {
                System.clearProperty("firedrill.mysql.replicaPause");
            }
            assertEquals("running", unpaused.metadata().get("replicaApplier"));
            assertEquals(pair.replicaStatus("Relay_Master_Log_File") + ":"
                    + pair.replicaStatus("Exec_Master_Log_Pos"), unpaused.metadata().get("sourceBinlog"));

            // a SQL thread stopped by the operator stays stopped, and the coordinates are where it stopped
            pair.replica.execute(pair.mysql ? "STOP REPLICA SQL_THREAD" : "STOP SLAVE SQL_THREAD");
            pair.source.execute("INSERT INTO bank.journal (amount) VALUES (1)");
            BackupInfo whileStopped = fd.backup().database(replicaUrl).run().backup();
            assertEquals("stopped", whileStopped.metadata().get("replicaApplier"));
            assertEquals("No", pair.replicaStatus("Slave_SQL_Running"));
            assertEquals(pair.replicaStatus("Relay_Master_Log_File") + ":"
                    + pair.replicaStatus("Exec_Master_Log_Pos"), whileStopped.metadata().get("sourceBinlog"));
            assertEquals(List.of("STOP", "FLUSH TABLES WITH READ LOCK", "UNLOCK TABLES", "START", "DUMP",
                    "FLUSH TABLES WITH READ LOCK", "UNLOCK TABLES", "DUMP", "STOP",
                    "FLUSH TABLES WITH READ LOCK", "UNLOCK TABLES", "DUMP"), controlStatements(pair),
                    "the backups without the pause and of the stopped replica neither stopped nor started it");
            pair.replica.execute(pair.mysql ? "START REPLICA SQL_THREAD" : "START SLAVE SQL_THREAD");

            // a backup user that may not stop the SQL thread: a clear error, and replication untouched
            pair.awaitCaughtUp();
            FiredrillException denied = assertThrows(FiredrillException.class, () -> fd.backup().database(
                    "jdbc:mariadb://127.0.0.1:" + pair.replica.port() + "/?user=backup&password=backup-secret"
                    + "&allowPublicKeyRetrieval=true").run());
            assertEquals(ErrorCode.SOURCE_FAILURE, denied.code(), denied.getMessage());
            String grant = pair.mysql ? "REPLICATION_SLAVE_ADMIN" : "REPLICATION SLAVE ADMIN";
            assertTrue(denied.hint().contains(grant) && denied.hint().contains("replicaPause"), denied.hint());
            assertFalse(denied.getMessage().contains("backup-secret"), denied.getMessage());
            assertEquals("Yes", pair.replicaStatus("Slave_SQL_Running"));
        } finally {
            System.clearProperty("firedrill.mysql.threads");
        }
    }

    /**
     * The replica's general log reduced to what matters here, in order: {@code STOP}/{@code START} of the SQL
     * thread, the global read lock and its release, and {@code DUMP} for the first read of the journal's rows after
     * each lock.
     */
    private static List<String> controlStatements(ReplicationPair pair) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pair.replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log "
                     + "WHERE command_type = 'Query'")) {
            while (rs.next()) {
                String sql = rs.getString(1).trim().toUpperCase(java.util.Locale.ROOT);
                if (sql.contains("SQL_THREAD")) {
                    out.add(sql.startsWith("STOP") ? "STOP" : "START");
                } else if (sql.equals("FLUSH TABLES WITH READ LOCK") || sql.equals("UNLOCK TABLES")) {
                    out.add(sql);
                } else if (sql.startsWith("SELECT") && sql.contains("FROM `BANK`.`JOURNAL`")
                        && !out.isEmpty() && !out.get(out.size() - 1).equals("DUMP")) {
                    out.add("DUMP");
                }
            }
        }
        return out;
    }

    private static long replicated(ReplicationPair pair) throws SQLException {
        try (Connection c = pair.replica.connect()) {
            return Long.parseLong(SampleData.query(c, "SELECT COUNT(*) FROM bank.journal"));
        }
    }

    private static String sourceGtid(ReplicationPair pair) throws SQLException {
        try (Connection c = pair.source.connect()) {
            return SampleData.query(c, pair.mysql ? "SELECT @@GLOBAL.gtid_executed"
                    : "SELECT @@GLOBAL.gtid_binlog_pos");
        }
    }

    /** The last transaction number of the source in a GTID set: {@code uuid:1-N} (MySQL) or {@code 0-1-N}. */
    private static long sequence(ReplicationPair pair, String gtid) throws SQLException {
        String own;
        try (Connection c = pair.source.connect()) {
            own = pair.mysql ? SampleData.query(c, "SELECT @@server_uuid") : "0-1-";
        }
        for (String part : gtid.replace("\n", "").split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(own)) {
                return Long.parseLong(trimmed.substring(Math.max(trimmed.lastIndexOf('-'),
                        trimmed.lastIndexOf(':')) + 1));
            }
        }
        throw new AssertionError("no transaction of the source in " + gtid);
    }

    private static void write(ReplicationPair pair, AtomicBoolean stop, AtomicLong committed,
                              AtomicReference<Throwable> failure) {
        try (Connection c = pair.source.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO bank.journal (amount) VALUES (?)")) {
            for (int i = 1; !stop.get(); i++) {
                insert.setInt(1, i);
                insert.executeUpdate();
                committed.incrementAndGet();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }
}

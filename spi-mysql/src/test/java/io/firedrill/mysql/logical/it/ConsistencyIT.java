package io.firedrill.mysql.logical.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup taken while transfers commit without pause is one point in time: the restored balances add up, and the
 * restored journal holds exactly the transactions the recorded GTID position counts, no more (nothing written
 * after the snapshot) and no less.
 */
class ConsistencyIT {
    private static final int ACCOUNTS = 200;

    @TempDir
    Path temp;

    static Stream<MysqlInstallation> installations() {
        return Stream.of(MysqlInstallation.mysqlFromMavenCentral(), MysqlInstallation.debianMariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void aBackupUnderConcurrentTransfersIsOnePointInTime(MysqlInstallation installation) throws Exception {
        char[] passphrase = LogicalRoundTripIT.PASSPHRASE;
        Firedrill.configure().repository(temp.resolve("repo")).passphrase(passphrase)
                .init(Encryption.passphrase(passphrase).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        System.setProperty("firedrill.mysql.threads", "4");
        try (MysqlProcess source = MysqlProcess.initialize(installation, temp.resolve("source")).start();
             Firedrill fd = Firedrill.configure().repository(temp.resolve("repo")).passphrase(passphrase).load()) {
            source.execute("CREATE DATABASE bank");
            source.execute("CREATE TABLE bank.accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            source.execute("CREATE TABLE bank.journal (seq BIGINT AUTO_INCREMENT PRIMARY KEY, amount INT)");
            StringBuilder insert = new StringBuilder("INSERT INTO bank.accounts VALUES ");
            for (int i = 0; i < ACCOUNTS; i++) {
                insert.append(i == 0 ? "" : ",").append("(").append(i).append(", 1000)");
            }
            source.execute(insert.toString());
            boolean mysql = installation.flavor() == MysqlFlavor.MYSQL;
            long before = transactions(source, mysql);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong committed = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Thread writer = new Thread(() -> transfer(source, stop, committed, failure));
                writers.add(writer);
                writer.start();
            }
            while (committed.get() < 200) {
                Thread.sleep(10);
            }
            String url = source.jdbcUrl() + "&allowPublicKeyRetrieval=true";
            BackupInfo backup = fd.backup().database(url).run().backup();
            long atBackup = committed.get();
            while (committed.get() < atBackup + 200) {
                Thread.sleep(10);
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertEquals(null, failure.get());

            String gtid = backup.metadata().get("gtid");
            long inSnapshot = lastSequence(gtid) - before;
            assertTrue(inSnapshot > 0 && inSnapshot < committed.get(), inSnapshot + " of " + committed.get());

            source.execute("SET GLOBAL local_infile = 1");
            fd.restore().backup(backup.id()).intoServer(url).renameSchema("bank", "bank_copy").run();
            try (Connection c = source.connect()) {
                assertEquals(Long.toString(ACCOUNTS * 1000L), SampleData.query(c,
                        "SELECT SUM(balance) FROM bank_copy.accounts"));
                assertEquals(Long.toString(inSnapshot), SampleData.query(c, "SELECT COUNT(*) FROM bank_copy.journal"),
                        "the journal holds exactly the transactions before " + gtid);
            }
        } finally {
            System.clearProperty("firedrill.mysql.threads");
        }
    }

    private static void transfer(MysqlProcess source, AtomicBoolean stop, AtomicLong committed,
                                 AtomicReference<Throwable> failure) {
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement debit = c.prepareStatement("UPDATE bank.accounts SET balance = balance - ? WHERE id = ?");
                 PreparedStatement credit = c.prepareStatement("UPDATE bank.accounts SET balance = balance + ? WHERE id = ?");
                 PreparedStatement journal = c.prepareStatement("INSERT INTO bank.journal (amount) VALUES (?)")) {
                while (!stop.get()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int amount = random.nextInt(1, 50);
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    try {
                        debit.setInt(1, amount);
                        debit.setInt(2, from);
                        debit.executeUpdate();
                        credit.setInt(1, amount);
                        credit.setInt(2, to);
                        credit.executeUpdate();
                        journal.setInt(1, amount);
                        journal.executeUpdate();
                        c.commit();
                        committed.incrementAndGet();
                    } catch (SQLException e) {
                        c.rollback(); // a deadlock between two transfers: nothing committed, try another
                    }
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static long transactions(MysqlProcess source, boolean mysql) throws SQLException {
        try (Connection c = source.connect()) {
            return lastSequence(SampleData.query(c, mysql ? "SELECT @@GLOBAL.gtid_executed"
                    : "SELECT @@GLOBAL.gtid_binlog_pos"));
        }
    }

    /** The last transaction number of a one-source GTID set: {@code uuid:1-N} or {@code 0-1-N}. */
    private static long lastSequence(String gtid) {
        String trimmed = gtid.trim();
        return Long.parseLong(trimmed.substring(Math.max(trimmed.lastIndexOf('-'), trimmed.lastIndexOf(':')) + 1));
    }
}

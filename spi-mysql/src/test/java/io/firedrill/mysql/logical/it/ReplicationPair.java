package io.firedrill.mysql.logical.it;

import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A source and a replica on loopback, replicating by GTID (MySQL {@code SOURCE_AUTO_POSITION}, MariaDB
 * {@code MASTER_USE_GTID=slave_pos}), the replica writing its own binary log ({@code log_slave_updates}).
 */
final class ReplicationPair implements AutoCloseable {
    final MysqlProcess source;
    final MysqlProcess replica;
    final boolean mysql;

    private ReplicationPair(MysqlProcess source, MysqlProcess replica, boolean mysql) {
        this.source = source;
        this.replica = replica;
        this.mysql = mysql;
    }

    static ReplicationPair start(MysqlInstallation installation, Path dir) {
        boolean mysql = installation.flavor() == MysqlFlavor.MYSQL;
        MysqlProcess source = MysqlProcess.initialize(installation, dir.resolve("source")).start();
        MysqlProcess replica = null;
        try {
            replica = MysqlProcess.initialize(installation, dir.resolve("replica")).option("server-id", "2")
                    .option("log-slave-updates", "ON").start();
            source.execute("CREATE USER 'repl'@'%' IDENTIFIED " + (mysql ? "WITH mysql_native_password " : "")
                    + "BY 'repl-secret'");
            source.execute("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
            if (mysql) {
                replica.execute("CHANGE REPLICATION SOURCE TO SOURCE_HOST = '127.0.0.1', SOURCE_PORT = "
                        + source.port() + ", SOURCE_USER = 'repl', SOURCE_PASSWORD = 'repl-secret', "
                        + "SOURCE_AUTO_POSITION = 1");
                replica.execute("START REPLICA");
            } else {
                replica.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + source.port()
                        + ", MASTER_USER = 'repl', MASTER_PASSWORD = 'repl-secret', MASTER_USE_GTID = slave_pos");
                replica.execute("START SLAVE");
            }
            return new ReplicationPair(source, replica, mysql);
        } catch (RuntimeException e) {
            source.close();
            if (replica != null) {
                replica.close();
            }
            throw e;
        }
    }

    /** The replica's default channel status: {@code column} of {@code SHOW SLAVE STATUS} (both servers know it). */
    String replicaStatus(String column) throws SQLException {
        try (Connection c = replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                throw new AssertionError("the replica has no replication channel");
            }
            return rs.getString(column);
        }
    }

    /** Waits until the replica has applied everything the source committed. */
    void awaitCaughtUp() throws Exception {
        String target;
        try (Connection c = source.connect()) {
            target = SampleData.query(c, mysql ? "SELECT @@GLOBAL.gtid_executed" : "SELECT @@GLOBAL.gtid_binlog_pos");
        }
        String wait = mysql ? "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + target + "', 30)"
                : "SELECT MASTER_GTID_WAIT('" + target + "', 30)";
        try (Connection c = replica.connect()) {
            String result = SampleData.query(c, wait);
            if (!"0".equals(result)) {
                throw new AssertionError("the replica did not reach " + target + ": " + result + "; "
                        + replicaStatus("Last_SQL_Error") + " " + replicaStatus("Last_IO_Error"));
            }
        }
    }

    /**
     * The transactions the source wrote between two of its binary log positions in one file: the
     * commits ({@code Xid} events) ending after {@code from} and at or before {@code to}; fails if {@code to} is no
     * transaction boundary.
     */
    long commitsBetween(String file, long from, long to) throws SQLException {
        List<Long> ends = new ArrayList<>();
        try (Connection c = source.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + file + "'")) {
            while (rs.next()) {
                if (rs.getString("Event_type").equals("Xid")) {
                    ends.add(rs.getLong("End_log_pos"));
                }
            }
        }
        if (!ends.contains(to)) {
            throw new AssertionError(file + ":" + to + " is not the end of a transaction");
        }
        return ends.stream().filter(end -> end > from && end <= to).count();
    }

    /** The source's current binary log file and position. */
    String[] sourcePosition() throws SQLException {
        try (Connection c = source.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    @Override
    public void close() {
        try {
            replica.close();
        } finally {
            source.close();
        }
    }
}

package io.firedrill.mysql.logical.dump;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.engine.MysqlConnections;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.engine.ServerFacts;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.format.BackupMetadata.Coordinates;
import io.firedrill.mysql.server.MysqlFlavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One consistent snapshot shared by several connections. A separate connection takes the global read lock
 * ({@code FLUSH TABLES WITH READ LOCK}, on both MySQL and MariaDB: it is the one lock that stops every write, so that
 * several transactions started under it see the same data, and the binary log position read under it is the
 * snapshot's); each worker connection then starts {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} at REPEATABLE
 * READ, the coordinates are read, and the lock is released, typically after a few milliseconds. Writes wait only for
 * that moment. A plain {@code FLUSH TABLES} first closes open tables without blocking, so the locking flush is quick.
 * On a replica the SQL threads are stopped for that moment too ({@link ReplicaPause}), and the coordinates of its
 * sources are read with the server's own.
 */
public final class ConsistentSnapshot implements AutoCloseable {
    /** Session settings of every dump connection. */
    static final String SESSION = "SET SESSION time_zone = '+00:00', SESSION sql_mode = '', "
            + "SESSION net_write_timeout = 86400, SESSION net_read_timeout = 86400, SESSION wait_timeout = 86400";

    private final List<Connection> workers;
    private final ServerFacts facts;
    private final Coordinates coordinates;
    private final BackupMetadata.Replica replica;

    private ConsistentSnapshot(List<Connection> workers, ServerFacts facts, Coordinates coordinates,
                               BackupMetadata.Replica replica) {
        this.workers = workers;
        this.facts = facts;
        this.coordinates = coordinates;
        this.replica = replica;
    }

    /**
     * Opens {@code settings.threads()} connections sharing one snapshot. On a replica, the SQL threads are paused
     * around the global read lock ({@link ReplicaPause}) and started again as soon as the snapshots are open and the
     * coordinates read, before any data is dumped: the open snapshot transactions keep the view still, so the
     * replica falls behind its source only for that moment, not for the length of the backup.
     */
    public static ConsistentSnapshot open(String connection, DumpSettings settings) {
        List<Connection> workers = new ArrayList<>();
        Connection lock = MysqlConnections.open(connection, Map.of(), "connecting for a backup to");
        try {
            ServerFacts facts = ServerFacts.of(lock);
            for (int i = 0; i < settings.threads(); i++) {
                Connection worker = MysqlConnections.open(connection, Map.of(), "connecting for a backup to");
                workers.add(worker);
                execute(worker, SESSION);
                execute(worker, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            try (ReplicaPause pause = ReplicaPause.begin(connection, facts.flavor(), settings.replicaPause(),
                    settings.lockWaitSeconds())) {
                lockTables(lock, settings.lockWaitSeconds());
                try {
                    for (Connection worker : workers) {
                        execute(worker, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                    return new ConsistentSnapshot(workers, facts, coordinates(lock, facts.flavor()), pause.read(lock));
                } finally {
                    execute(lock, "UNLOCK TABLES");
                }
            }
        } catch (SQLException e) {
            workers.forEach(ConsistentSnapshot::closeQuietly);
            throw MysqlFailure.of("opening a consistent snapshot on " + MysqlConnections.redacted(connection), e);
        } catch (RuntimeException e) {
            workers.forEach(ConsistentSnapshot::closeQuietly);
            throw e;
        } finally {
            closeQuietly(lock);
        }
    }

    private static void lockTables(Connection lock, int lockWaitSeconds) throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            s.execute("FLUSH NO_WRITE_TO_BINLOG TABLES");
            s.execute("FLUSH TABLES WITH READ LOCK");
        } catch (SQLException e) {
            if (e.getErrorCode() == 1205) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the backup could not take the global read "
                        + "lock within " + lockWaitSeconds + " s: a long query or transaction holds a table",
                        "retry when the long query is over, or raise firedrill.mysql.lockWaitSeconds", e);
            }
            throw e;
        }
    }

    private static Coordinates coordinates(Connection lock, MysqlFlavor flavor) throws SQLException {
        String file = null;
        Long position = null;
        try (Statement s = lock.createStatement(); ResultSet rs = binlogStatus(s)) {
            if (rs.next()) {
                file = rs.getString(1);
                position = rs.getLong(2);
            }
        }
        if (flavor == MysqlFlavor.MYSQL) {
            return new Coordinates(file, position, text(lock, "SELECT @@GLOBAL.gtid_executed").replace("\n", ""),
                    null, null, null);
        }
        return new Coordinates(file, position, null, text(lock, "SELECT @@GLOBAL.gtid_binlog_pos"),
                text(lock, "SELECT @@GLOBAL.gtid_current_pos"), text(lock, "SELECT @@GLOBAL.gtid_binlog_state"));
    }

    /** {@code SHOW MASTER STATUS}, or {@code SHOW BINARY LOG STATUS} on servers that dropped the old name (MySQL 8.4). */
    private static ResultSet binlogStatus(Statement s) throws SQLException {
        try {
            return s.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            if (e.getErrorCode() != 1064) {
                throw e;
            }
            return s.executeQuery("SHOW BINARY LOG STATUS");
        }
    }

    /** The worker connections, each inside the snapshot. */
    public List<Connection> workers() {
        return workers;
    }

    /** The server. */
    public ServerFacts facts() {
        return facts;
    }

    /** Where the snapshot sits in the binary log. */
    public Coordinates coordinates() {
        return coordinates;
    }

    /** Where the snapshot stands in the binary logs of the server's sources, or {@code null} if it is no replica. */
    public BackupMetadata.Replica replica() {
        return replica;
    }

    /** Ends the snapshot transactions and closes the connections. */
    @Override
    public void close() {
        workers.forEach(ConsistentSnapshot::closeQuietly);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            String value = rs.getString(1);
            return value == null ? "" : value;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the snapshot is over either way
        }
    }
}

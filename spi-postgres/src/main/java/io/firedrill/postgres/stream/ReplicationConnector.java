package io.firedrill.postgres.stream;

import io.firedrill.postgres.wal.Lsn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/** Opens the two kinds of connection streaming needs from one JDBC URL: plain SQL, and a physical walsender. */
final class ReplicationConnector {
    static final String APPLICATION_NAME = "firedrill_wal_stream";
    private static final String CONNECT_TIMEOUT_SECONDS = "10";

    private final String url;

    ReplicationConnector(String url) {
        this.url = url;
    }

    /** A normal connection, for the slot, the server's position and the history-file fallback. */
    Connection sql() throws SQLException {
        Properties p = new Properties();
        PGProperty.CONNECT_TIMEOUT.set(p, CONNECT_TIMEOUT_SECONDS);
        PGProperty.SOCKET_TIMEOUT.set(p, "60");
        PGProperty.APPLICATION_NAME.set(p, "firedrill");
        return DriverManager.getConnection(url, p);
    }

    /**
     * A physical replication connection ({@code replication=true}): only replication commands, over the simple
     * query protocol.
     */
    Connection replication() throws SQLException {
        Properties p = new Properties();
        PGProperty.REPLICATION.set(p, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        PGProperty.CONNECT_TIMEOUT.set(p, CONNECT_TIMEOUT_SECONDS);
        PGProperty.TCP_KEEP_ALIVE.set(p, "true");
        PGProperty.APPLICATION_NAME.set(p, APPLICATION_NAME);
        return DriverManager.getConnection(url, p);
    }

    /** {@code START_REPLICATION SLOT slot PHYSICAL from}, confirming nothing by itself. */
    PGReplicationStream startStream(Connection replication, String slot, Lsn from, Duration statusInterval)
            throws SQLException {
        return replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().physical()
                .withSlotName(slot)
                .withStartPosition(LogSequenceNumber.valueOf(from.value()))
                .withStatusInterval((int) Math.max(100, statusInterval.toMillis()), TimeUnit.MILLISECONDS)
                .withAutomaticFlush(false)
                .start();
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // nothing to do: the connection is being discarded
            }
        }
    }
}

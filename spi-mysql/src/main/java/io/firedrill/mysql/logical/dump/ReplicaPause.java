package io.firedrill.mysql.logical.dump;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.engine.MysqlConnections;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.server.MysqlFlavor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier of a replica held still while its snapshot is opened: the SQL thread of every channel that runs is
 * stopped ({@code STOP REPLICA SQL_THREAD}) while its IO thread goes on receiving the source's binary log into the
 * relay log, so the global read lock is granted at once (no replicated transaction holds it up) and the source
 * position read under it is the snapshot's exactly. {@link #close} starts again the SQL threads it stopped, and only
 * those: a thread the operator had stopped stays stopped. On a server that replicates from nothing, or with the
 * pause turned off, it changes nothing and only reads the source coordinates.
 */
final class ReplicaPause implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaPause.class);

    private final String connection;
    private final MysqlFlavor flavor;
    private final Connection control;
    private final ReplicationChannel.Dialect dialect;
    private final List<String> paused = new ArrayList<>();
    private long pausedAt;

    private ReplicaPause(String connection, MysqlFlavor flavor, Connection control,
                         ReplicationChannel.Dialect dialect) {
        this.connection = connection;
        this.flavor = flavor;
        this.control = control;
        this.dialect = dialect;
    }

    /**
     * Stops the running SQL threads when {@code pause} is set and the server is a replica, and waits until they
     * have stopped.
     *
     * @param connection the server's connection string
     * @param flavor MySQL or MariaDB
     * @param pause whether to stop the SQL threads ({@code firedrill.mysql.replicaPause})
     * @param waitSeconds how long to wait for them to stop
     */
    static ReplicaPause begin(String connection, MysqlFlavor flavor, boolean pause, int waitSeconds) {
        Connection control = MysqlConnections.open(connection, Map.of(), "connecting for a backup to");
        ReplicaPause replica;
        List<ReplicationChannel> channels;
        try {
            replica = new ReplicaPause(connection, flavor, control, ReplicationChannel.dialect(control, flavor));
            channels = ReplicationChannel.read(control, replica.dialect);
        } catch (SQLException e) {
            closeQuietly(control);
            if (!denied(e)) {
                throw MysqlFailure.of("reading the replication status of " + MysqlConnections.redacted(connection), e);
            }
            LOG.warn("cannot tell whether {} is a replica ({}): backing up without pausing replication; grant {} to "
                    + "the backup user to pause it", MysqlConnections.redacted(connection), e.getMessage(),
                    flavor == MysqlFlavor.MYSQL ? "REPLICATION CLIENT" : "REPLICA MONITOR");
            return new ReplicaPause(connection, flavor, null, null);
        }
        if (pause) {
            try {
                replica.stop(channels, waitSeconds);
            } catch (RuntimeException e) {
                try {
                    replica.close();
                } catch (RuntimeException restart) {
                    e.addSuppressed(restart);
                }
                throw e;
            }
        }
        return replica;
    }

    private void stop(List<ReplicationChannel> channels, int waitSeconds) {
        for (ReplicationChannel channel : channels) {
            if (!channel.sqlRunning()) {
                LOG.info("the SQL thread of replication channel '{}' is stopped: it stays stopped", channel.name());
                continue;
            }
            if (channel.name().startsWith("group_replication_")) {
                LOG.info("replication channel '{}' belongs to Group Replication, which refuses to be stopped "
                        + "this way: it is not paused", channel.name());
                continue;
            }
            try (Statement s = control.createStatement()) {
                s.execute(dialect.sqlThread("STOP", channel.name()));
            } catch (SQLException e) {
                if (denied(e)) {
                    throw new FiredrillException(ErrorCode.SOURCE_FAILURE, "the backup user may not stop the SQL "
                            + "thread of the replica " + MysqlConnections.redacted(connection) + ": " + e.getMessage(),
                            "grant it " + adminGrant() + " (or SUPER), or set firedrill.mysql.replicaPause=false to "
                            + "back up without pausing replication", e);
                }
                throw MysqlFailure.of("stopping the SQL thread of the replica", e);
            }
            if (paused.isEmpty()) {
                pausedAt = System.nanoTime();
            }
            paused.add(channel.name());
        }
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        try {
            while (stillRunning()) {
                if (System.nanoTime() > deadline) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the SQL thread of the replica "
                            + MysqlConnections.redacted(connection) + " did not stop within " + waitSeconds + " s",
                            "retry when the replica is not applying a long transaction, or raise "
                            + "firedrill.mysql.lockWaitSeconds", null);
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw MysqlFailure.of("waiting for the SQL thread of the replica to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FiredrillException(ErrorCode.CANCELLED, "the backup was interrupted", null, e);
        }
        if (!paused.isEmpty()) {
            LOG.info("stopped the SQL thread of replication channels {} for the snapshot; their IO threads go on",
                    paused.stream().map(name -> "'" + name + "'").toList());
        }
    }

    private boolean stillRunning() throws SQLException {
        return ReplicationChannel.read(control, dialect).stream()
                .anyMatch(c -> c.sqlRunning() && paused.contains(c.name()));
    }

    /**
     * The sources' coordinates of the snapshot, read on {@code locked} (the connection holding the global read
     * lock), or {@code null} when the server is not a replica.
     */
    BackupMetadata.Replica read(Connection locked) throws SQLException {
        if (dialect == null) {
            return null;
        }
        List<ReplicationChannel> channels = ReplicationChannel.read(locked, dialect);
        if (channels.isEmpty()) {
            return null;
        }
        String gtid = ConsistentSnapshot.text(locked, flavor == MysqlFlavor.MYSQL ? "SELECT @@GLOBAL.gtid_executed"
                : "SELECT @@GLOBAL.gtid_slave_pos").replace("\n", "");
        List<BackupMetadata.Source> sources = channels.stream().map(c -> new BackupMetadata.Source(c.name(),
                c.sourceServerId(), c.sourceUuid(), c.sourceBinlogFile(), c.sourceBinlogPosition(),
                paused.contains(c.name()) ? "paused" : c.sqlRunning() ? "running" : "stopped")).toList();
        return new BackupMetadata.Replica(gtid, sources);
    }

    /** Starts again the SQL threads this pause stopped; fails, naming them, when they cannot be started. */
    @Override
    public void close() {
        if (control == null) {
            return;
        }
        try {
            startPaused(control);
        } catch (SQLException first) {
            try (Connection fresh = MysqlConnections.open(connection, Map.of(), "restarting replication on")) {
                startPaused(fresh);
            } catch (SQLException | RuntimeException e) {
                e.addSuppressed(first);
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the backup stopped the SQL thread of "
                        + "replication channels " + paused + " on " + MysqlConnections.redacted(connection)
                        + " and could not start it again: " + e.getMessage(),
                        "start it by hand: " + dialect.sqlThread("START", paused.get(0)), e);
            }
        } finally {
            closeQuietly(control);
        }
    }

    private void startPaused(Connection on) throws SQLException {
        while (!paused.isEmpty()) {
            try (Statement s = on.createStatement()) {
                s.execute(dialect.sqlThread("START", paused.get(0)));
            }
            LOG.info("started the SQL thread of replication channel '{}' again after {} ms", paused.remove(0),
                    (System.nanoTime() - pausedAt) / 1_000_000);
        }
    }

    private String adminGrant() {
        return flavor == MysqlFlavor.MYSQL ? "REPLICATION_SLAVE_ADMIN" : "REPLICATION SLAVE ADMIN";
    }

    private static boolean denied(SQLException e) {
        return e.getErrorCode() == 1227 || e.getErrorCode() == 1044 || e.getErrorCode() == 1142;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do on it
        }
    }
}

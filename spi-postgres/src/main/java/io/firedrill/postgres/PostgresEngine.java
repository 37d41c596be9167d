package io.firedrill.postgres;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.postgres.backup.PostgresPhysicalBackup;
import io.firedrill.postgres.stream.StreamSettings;
import io.firedrill.postgres.stream.WalStreamer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** The PostgreSQL engine for one connection. */
final class PostgresEngine implements Engine {
    private final String url;
    private final Duration walWait;
    private final StreamSettings streamSettings;
    private Connection backupConnection;

    PostgresEngine(String url, Duration walWait, StreamSettings streamSettings) {
        this.url = url;
        this.walWait = walWait;
        this.streamSettings = streamSettings;
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public PhysicalBackup startBackup(EngineContext context) {
        refuseOptions(context, "backup");
        try {
            backupConnection = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw PostgresFailure.of("connecting for a backup", e);
        }
        return PostgresPhysicalBackup.start(backupConnection, context.logs(), context.clock(), walWait);
    }

    /**
     * Streams WAL over the replication protocol through a physical slot (see {@link WalStreamer}); the role needs
     * REPLICATION and pg_hba.conf must allow its replication connections.
     */
    @Override
    public LogArchiver archiveLogs(EngineContext context) {
        refuseOptions(context, "log archiver");
        return WalStreamer.start(url, context, streamSettings);
    }

    /** The PostgreSQL engine takes no engine options: its settings are system properties (docs/postgres.md). */
    static void refuseOptions(EngineContext context, String operation) {
        if (!context.options().isEmpty()) {
            throw new InvalidConfigurationException("the PostgreSQL engine takes no engine options; the " + operation
                    + " got " + context.options().keySet(), "drop option(...) for PostgreSQL sources");
        }
    }

    @Override
    public void close() {
        if (backupConnection != null) {
            try {
                backupConnection.close();
            } catch (SQLException ignored) {
                // closing a connection ends any backup still running on it, which is what we want here
            }
        }
    }
}

package io.firedrill.mysql.engine;

import io.firedrill.api.LogArchiver;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.LogicalBackup;
import io.firedrill.mysql.logical.dump.DumpSettings;
import io.firedrill.mysql.logical.dump.LogicalDump;
import io.firedrill.mysql.settings.MysqlOptions;
import io.firedrill.mysql.stream.BinlogStreamer;

/** The MySQL family engine for one connection: takes logical backups and streams binary logs. */
final class MysqlEngine implements Engine {
    private final String connection;

    MysqlEngine(String connection) {
        this.connection = connection;
    }

    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public boolean takesLogicalBackups() {
        return true;
    }

    @Override
    public LogicalBackup startLogicalBackup(EngineContext context) {
        return LogicalDump.start(connection,
                DumpSettings.from(MysqlOptions.of(MysqlOptions.Operation.BACKUP, context.options())));
    }

    /** Streams the server's binary logs as a simulated replica ({@link BinlogStreamer}). */
    @Override
    public LogArchiver archiveLogs(EngineContext context) {
        return BinlogStreamer.start(connection, context);
    }

    @Override
    public void close() {
        // every connection belongs to the backup, which closes them
    }
}

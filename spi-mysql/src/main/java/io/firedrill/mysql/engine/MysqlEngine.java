package io.firedrill.mysql.engine;

import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.LogicalBackup;
import io.firedrill.mysql.logical.dump.DumpSettings;
import io.firedrill.mysql.logical.dump.LogicalDump;

/** The MySQL family engine for one connection: takes logical backups. */
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
        return LogicalDump.start(connection, DumpSettings.fromSystemProperties());
    }

    @Override
    public void close() {
        // every connection belongs to the backup, which closes them
    }
}

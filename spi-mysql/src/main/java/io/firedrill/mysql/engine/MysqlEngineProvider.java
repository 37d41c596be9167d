package io.firedrill.mysql.engine;

import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.Recovery;
import io.firedrill.mysql.logical.dump.DumpSettings;
import io.firedrill.mysql.logical.dump.LogicalDump;
import io.firedrill.mysql.logical.load.MysqlLogicalRecovery;

/**
 * The MySQL family engine: claims {@code jdbc:mysql:} and {@code jdbc:mariadb:} connections (MySQL or MariaDB is
 * told from the server's version once connected) and recovers {@code mysql-logical} backups. Backups are logical
 * ({@link LogicalDump}); their settings are read from system properties ({@link DumpSettings}).
 */
public final class MysqlEngineProvider implements EngineProvider {
    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public boolean supports(String connection) {
        return MysqlConnections.isMysqlFamily(connection);
    }

    @Override
    public Engine open(String connection) {
        return new MysqlEngine(connection);
    }

    @Override
    public boolean recovers(String backupKind) {
        return LogicalDump.KIND.equals(backupKind);
    }

    @Override
    public Recovery recovery() {
        return new MysqlLogicalRecovery();
    }
}

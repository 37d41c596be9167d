package io.firedrill.mysql.logical.load;

import io.firedrill.mysql.engine.MysqlConnections;
import io.firedrill.mysql.engine.MysqlFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Loading connections: {@code LOAD DATA LOCAL} allowed by the driver, UTC, strict SQL mode that keeps zero values
 * in auto-increment columns, no foreign key or unique checks during the load, and, on a new server, nothing
 * written to the binary log (the load is the backup, not new transactions).
 */
final class LoadSession {
    static final String SQL_MODE = "NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION";

    private LoadSession() {
    }

    static Connection open(String url, boolean newServer) {
        Connection connection = MysqlConnections.open(url, Map.of("allowLocalInfile", "true"),
                "connecting for a restore to");
        try (Statement s = connection.createStatement()) {
            s.execute("SET NAMES utf8mb4");
            s.execute("SET SESSION time_zone = '+00:00', SESSION sql_mode = '" + SQL_MODE + "', "
                    + "SESSION foreign_key_checks = 0, SESSION unique_checks = 0, SESSION net_read_timeout = 86400, "
                    + "SESSION net_write_timeout = 86400, SESSION wait_timeout = 86400");
            if (newServer) {
                s.execute("SET SESSION sql_log_bin = 0");
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // reporting the first failure
            }
            throw MysqlFailure.of("preparing a restore connection to " + MysqlConnections.redacted(url), e);
        }
    }
}

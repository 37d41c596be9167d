package io.firedrill.postgres.it;

import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** A server Firedrill recovered and left running on a port: queried over JDBC, stopped on close. */
final class RecoveredServer implements AutoCloseable {
    private final PostgresProcess process;
    private final int port;

    RecoveredServer(PostgresInstallation installation, Path dataDir, int port) {
        this.process = PostgresProcess.existing(installation, dataDir);
        this.port = port;
    }

    List<String> rows(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres")) {
            return ArchivingCluster.rows(c, sql);
        } catch (SQLException e) {
            throw new AssertionError("query on the recovered server failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        process.stop();
        process.close();
    }
}

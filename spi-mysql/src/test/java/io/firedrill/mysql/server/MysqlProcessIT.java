package io.firedrill.mysql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every installation starts, logs binary logs, survives SIGKILL and restarts; real servers, never skipped. */
class MysqlProcessIT {
    @TempDir
    Path temp;

    static Stream<MysqlInstallation> installations() {
        return Stream.of(MysqlInstallation.mysqlFromMavenCentral(), MysqlInstallation.debianMariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void startsWithBinaryLoggingSurvivesKillAndRestarts(MysqlInstallation installation) {
        try (MysqlProcess server = MysqlProcess.initialize(installation, temp.resolve("data")).start()) {
            assertTrue(query(server, "select version()").startsWith(installation.version()), installation.version());
            assertEquals("ON", variable(server, "log_bin"));
            assertEquals("ROW", variable(server, "binlog_format"));
            assertEquals("127.0.0.1", variable(server, "bind_address"));
            if (installation.flavor() == MysqlFlavor.MYSQL) {
                assertEquals("ON", variable(server, "gtid_mode"));
                assertEquals("ON", variable(server, "enforce_gtid_consistency"));
            }
            assertTrue(server.jdbcUrl().startsWith("jdbc:mariadb://127.0.0.1:" + server.port()));

            server.execute("create database drill");
            server.execute("create table drill.t (id int primary key)");
            server.execute("insert into drill.t values (1), (2)");
            long pid = server.pid().orElseThrow();
            server.kill();
            assertFalse(server.isRunning());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

            int port = server.port();
            server.start(port);
            assertEquals("2", query(server, "select count(*) from drill.t"));
            server.restart();
            assertEquals(port, server.port());
            assertEquals("2", query(server, "select count(*) from drill.t"));
            assertFalse(server.logTail(5).isEmpty());
            pid = server.pid().orElseThrow();
            server.stop();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        try (MysqlProcess reopened = MysqlProcess.existing(installation, temp.resolve("data")).start()) {
            assertEquals("2", query(reopened, "select count(*) from drill.t"));
        }
    }

    static String variable(MysqlProcess server, String name) {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show variables like '" + name + "'")) {
            assertTrue(rows.next(), "no variable " + name);
            return rows.getString(2);
        } catch (SQLException e) {
            throw new AssertionError("show variables failed for " + name, e);
        }
    }

    static String query(MysqlProcess server, String sql) {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }
}

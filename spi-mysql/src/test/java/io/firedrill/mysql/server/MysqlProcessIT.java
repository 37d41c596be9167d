package io.firedrill.mysql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every test server starts, logs binary logs with GTIDs, survives SIGKILL and restarts; real servers, never skipped.
 */
class MysqlProcessIT {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestServers.class)
    void startsWithBinaryLoggingSurvivesKillAndRestarts(TestServers testServer) {
        MysqlInstallation installation = testServer.installation();
        try (MysqlProcess server = MysqlProcess.initialize(installation, temp.resolve("data")).start()) {
            assertTrue(query(server, "select version()").startsWith(installation.version()), installation.version());
            assertEquals(testServer.majorMinor(), installation.majorMinor());
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
            assertGtidOfTheWrite(server, installation.flavor());
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

    /** The write just made is in the server's GTID state: MariaDB's domain-server-seq, MySQL's uuid:interval. */
    private static void assertGtidOfTheWrite(MysqlProcess server, MysqlFlavor flavor) {
        if (flavor == MysqlFlavor.MARIADB) {
            String position = query(server, "select @@gtid_binlog_pos");
            assertTrue(position.matches("0-1-[1-9][0-9]*"), "gtid_binlog_pos " + position);
            assertEquals("ON", variable(server, "log_bin"));
        } else {
            String executed = query(server, "select @@gtid_executed");
            String uuid = query(server, "select @@server_uuid");
            assertTrue(executed.matches(uuid + ":1-[1-9][0-9]*"), "gtid_executed " + executed);
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

package io.firedrill.postgres.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real servers of both majors: start, query, stop, crash, recover, archive, promote, close. */
class PostgresProcessIT {
    @TempDir
    Path tmp;

    static Stream<PostgresInstallation> installations() {
        return Installations.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void startsAnswersAndStops(PostgresInstallation installation) throws Exception {
        int expectedMajor = installation.binDir().startsWith("/usr/lib/postgresql")
                ? Installations.DEBIAN_MAJOR : Installations.MAVEN_CENTRAL_MAJOR;
        assertEquals(expectedMajor, installation.majorVersion());
        Path data = Installations.reachable(tmp, "data");
        try (PostgresProcess server = PostgresProcess.initialize(installation, data, InitOptions.defaults())) {
            server.start();
            assertTrue(server.isRunning());
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select version(), current_user")) {
                assertTrue(rows.next());
                assertTrue(rows.getString(1).startsWith("PostgreSQL " + expectedMajor + "."), rows.getString(1));
                assertEquals("postgres", rows.getString(2));
            }
            assertEquals("on", Installations.queryString(server, "show data_checksums"));
            assertEquals("replica", Installations.queryString(server, "show wal_level"));
            assertEquals("127.0.0.1", Installations.queryString(server, "show listen_addresses"));
            assertEquals("UTF8", Installations.queryString(server, "show server_encoding"));
            assertEquals(Integer.toString(server.port()), Installations.queryString(server, "show port"));
            if (OsUser.jvmIsRoot()) {
                assertEquals(OsUser.DEFAULT_SERVER_USER, server.osUser().name());
                assertEquals(OsUser.DEFAULT_SERVER_USER, Files.getOwner(data).getName());
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            Path socket = server.socketDirectory().resolve(".s.PGSQL." + server.port());
            assertTrue(Files.exists(socket), "Unix socket " + socket);

            long pid = server.pid().orElseThrow();
            server.stop();
            assertFalse(server.isRunning());
            assertFalse(PostmasterPidFile.alive(pid));
            assertFalse(Files.exists(data.resolve("postmaster.pid")));
            server.stop(); // Stopping a stopped server does nothing.
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void killedServerRecoversOnRestart(PostgresInstallation installation) {
        try (PostgresProcess server = PostgresProcess.initialize(installation, Installations.reachable(tmp, "data"),
                InitOptions.defaults())) {
            server.start();
            int port = server.port();
            server.execute("create table t(v int); insert into t select generate_series(1, 1000)");
            long pid = server.pid().orElseThrow();

            server.kill();
            assertFalse(PostmasterPidFile.alive(pid));
            assertFalse(server.isRunning());
            assertTrue(Files.exists(server.dataDir().resolve("postmaster.pid")), "a crash leaves postmaster.pid");

            server.restart();
            assertEquals(port, server.port());
            assertEquals("1000", Installations.queryString(server, "select count(*) from t"));
            assertTrue(server.logTail(200).contains("not properly shut down"), server.logTail(200));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void archiveSettingsAreApplied(PostgresInstallation installation) throws Exception {
        Path archive = Installations.reachable(tmp, "archive");
        Files.createDirectories(archive);
        Map<String, String> settings = Map.of("archive_mode", "on", "archive_command", "cp %p " + archive + "/%f");
        try (PostgresProcess server = PostgresProcess.initialize(installation, tmp.resolve("data"),
                InitOptions.defaults().withSettings(settings))) {
            server.osUser().takeOwnership(archive);
            server.start();
            assertEquals("on", Installations.queryString(server, "show archive_mode"));
            assertEquals("cp %p " + archive + "/%f", Installations.queryString(server, "show archive_command"));
            String segment = Installations.queryString(server, "select pg_walfile_name(pg_switch_wal())");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(archive.resolve(segment)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(archive.resolve(segment)), "archived " + segment + "\n" + server.logTail(30));
        }
    }

    @Test
    void standbyIsPromoted() throws Exception {
        try (PostgresProcess server = PostgresProcess.initialize(Installations.debian(),
                Installations.reachable(tmp, "data"), InitOptions.defaults())) {
            Files.createFile(server.dataDir().resolve("standby.signal"));
            server.start();
            assertEquals("t", Installations.queryString(server, "select pg_is_in_recovery()"));
            server.promote();
            assertEquals("f", Installations.queryString(server, "select pg_is_in_recovery()"));
            server.execute("create table promoted(v int)");
        }
    }

    @Test
    void closeLeavesNoProcessBehindAndCannotRestart() {
        PostgresProcess server = PostgresProcess.initialize(Installations.mavenCentral(),
                Installations.reachable(tmp, "data"), InitOptions.defaults().withDataChecksums(false));
        server.start();
        assertEquals("off", Installations.queryString(server, "show data_checksums"));
        long pid = server.pid().orElseThrow();
        Path runDir = server.socketDirectory();
        server.close();
        assertFalse(PostmasterPidFile.alive(pid));
        assertFalse(Files.exists(runDir));
        server.close();
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void existingClusterStartsWithStartSettings() {
        Path data = Installations.reachable(tmp, "data");
        PostgresInstallation installation = Installations.debian();
        PostgresProcess.initialize(installation, data, InitOptions.defaults()).close();
        try (PostgresProcess server = PostgresProcess.existing(installation, data)
                .startSetting("cluster_name", "firedrill drill")
                .startTimeout(Duration.ofSeconds(30))) {
            server.start();
            assertEquals("firedrill drill", Installations.queryString(server, "show cluster_name"));
        }
    }

    @Test
    void startFailureCarriesTheServerLog() throws Exception {
        Path data = Installations.reachable(tmp, "data");
        PostgresInstallation installation = Installations.debian();
        try (PostgresProcess server = PostgresProcess.initialize(installation, data,
                InitOptions.defaults().withSetting("shared_buffers", "not a size"))) {
            PostgresServerException e = assertThrows(PostgresServerException.class, server::start);
            assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
            assertTrue(e.getMessage().contains("invalid value for parameter \"shared_buffers\""), e.getMessage());
            System.out.println("start failure as reported:\n" + e.getMessage());
            assertFalse(server.isRunning());
        }
    }
}

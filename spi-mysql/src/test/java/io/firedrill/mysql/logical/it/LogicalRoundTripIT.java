package io.firedrill.mysql.logical.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupCommand;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.DrillReport;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.mysql.engine.MysqlEngineProvider;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A logical backup of a real MySQL 8.0 and MariaDB 10.11 server through the public API: every type, key shape and
 * schema object round trips into a new server and into an existing one under a new schema name; an existing table
 * is never overwritten; a drill loads and checks it; a second night after ~1% of rows changed stores a small
 * fraction; bad credentials and an unreachable server fail clearly.
 */
class LogicalRoundTripIT {
    static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    Path temp;

    /**
     * A backup with this test's engine options (no JVM-wide system property): small key ranges, the row generator's
     * schema skipped (the backup's 5 tables prove it), three workers, and accounts (the restored login proves it).
     */
    private static BackupCommand backup(Firedrill fd, String url) {
        return fd.backup().database(url).option("rangeBytes", Long.toString(1 << 20)).option("excludeSchemas", "gen")
                .option("threads", "3").option("accounts", "true");
    }

    static Stream<MysqlInstallation> installations() {
        return Stream.of(MysqlInstallation.mysqlFromMavenCentral(), MysqlInstallation.debianMariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void backupRestoreDrillAndSecondNight(MysqlInstallation installation) throws Exception {
        Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        try (MysqlProcess source = MysqlProcess.initialize(installation, temp.resolve("source")).start();
             Firedrill fd = Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE)
                     .parallelism(3).load()) {
            SampleData.create(source);
            source.execute("CREATE USER 'reporter'@'%' IDENTIFIED BY 'report-secret'");
            source.execute("GRANT SELECT ON shop.* TO 'reporter'@'%'");
            Map<String, String> expected;
            try (Connection c = source.connect()) {
                expected = SampleData.hashes(c, "shop");
            }
            String url = source.jdbcUrl().replace("jdbc:mariadb:", installation.flavor() == MysqlFlavor.MYSQL
                    ? "jdbc:mysql:" : "jdbc:mariadb:") + "&allowPublicKeyRetrieval=true";

            BackupInfo first = backup(fd, url).run().backup();
            assertEquals("mysql-logical", first.kind());
            assertEquals(installation.flavor() == MysqlFlavor.MYSQL ? "mysql" : "mariadb",
                    first.metadata().get("flavor"));
            assertTrue(first.metadata().get("binlog").startsWith("binlog."), first.metadata().toString());
            assertFalse(first.metadata().get("gtid").isEmpty(), first.metadata().toString());
            assertEquals("5", first.metadata().get("tables"));

            // into a new server, left running on a port
            int port = freePort();
            RestoreResult restored = fd.restore().backup(first.id()).to(temp.resolve("restored"))
                    .recover(RecoveryTarget.immediate()).startServer(port).run();
            assertTrue(restored.recovery().orElseThrow().running());
            try {
                try (Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
                        + "/?user=root&allowPublicKeyRetrieval=true")) {
                    assertEquals(expected, SampleData.hashes(c, "shop"));
                    checkObjects(c, "shop");
                    assertBinaryExact(c, "shop");
                    String gtid = installation.flavor() == MysqlFlavor.MYSQL ? "SELECT @@GLOBAL.gtid_executed"
                            : "SELECT @@GLOBAL.gtid_slave_pos";
                    assertEquals(first.metadata().get("gtid"), SampleData.query(c, gtid).replace("\n", ""));
                }
                try (Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
                        + "/?user=reporter&password=report-secret&allowPublicKeyRetrieval=true")) {
                    assertEquals("40000", SampleData.query(c, "SELECT COUNT(*) FROM shop.big"), "accounts, grants");
                }
            } finally {
                new MysqlEngineProvider().recovery().stop(temp.resolve("restored"), Map.of());
            }
            assertThrows(java.sql.SQLException.class, () -> java.sql.DriverManager.getConnection(
                    "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=2000"));

            // into the existing source server, under a new name; the same tables again are refused
            String server = source.jdbcUrl() + "&allowPublicKeyRetrieval=true";
            source.execute("SET GLOBAL local_infile = 1");
            fd.restore().backup(first.id()).intoServer(server).renameSchema("shop", "shop_copy").run();
            try (Connection c = source.connect()) {
                assertEquals(expected, SampleData.hashes(c, "shop_copy"));
                checkObjects(c, "shop_copy");
                assertEquals("SELECT `shop_copy`.`big`.`id`", SampleData.query(c, "SELECT VIEW_DEFINITION FROM "
                        + "information_schema.VIEWS WHERE TABLE_SCHEMA = 'shop_copy' AND TABLE_NAME = 'v_big'")
                        .substring(0, 29).replace("select", "SELECT"));
                assertEquals("DISABLED", SampleData.query(c, "SELECT STATUS FROM information_schema.EVENTS WHERE "
                        + "EVENT_SCHEMA = 'shop_copy'"));
            }
            FiredrillException clash = assertThrows(FiredrillException.class,
                    () -> fd.restore().backup(first.id()).intoServer(server).run());
            assertEquals(ErrorCode.INVALID_TARGET, clash.code());
            assertTrue(clash.getMessage().contains("shop.big"), clash.getMessage());

            // a drill: load into a sandbox, check counts, stop
            DrillReport drill = fd.drill().backup(first.id()).run();
            assertEquals(List.of("load", "check", "stop"), drill.steps().stream().map(DrillReport.Step::name).toList());
            assertTrue(drill.steps().get(1).detail().contains("5 tables read in full"), drill.steps().get(1).detail());

            // with no binary log archived, a point-in-time target is refused before anything is loaded
            FiredrillException pitr = assertThrows(FiredrillException.class, () -> fd.restore().backup(first.id())
                    .to(temp.resolve("pitr")).recover(RecoveryTarget.latest()).run());
            assertEquals(ErrorCode.LOG_GAP, pitr.code(), pitr.getMessage());
            assertTrue(pitr.getMessage().contains("missing from the archive"), pitr.getMessage());
            assertFalse(Files.exists(temp.resolve("pitr/mysql")), "nothing was loaded");
            FiredrillException existing = assertThrows(FiredrillException.class, () -> fd.restore()
                    .backup(first.id()).intoServer(source.jdbcUrl()).renameSchema("shop", "shop_pitr")
                    .recover(RecoveryTarget.latest()).run());
            assertTrue(existing.getMessage().contains("new server only"), existing.getMessage());
            // a backup option given to a restore is refused, naming the restore's options, before anything is loaded
            FiredrillException unknown = assertThrows(FiredrillException.class, () -> fd.restore()
                    .backup(first.id()).to(temp.resolve("unknown")).option("threads", "3").run());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, unknown.code());
            assertTrue(unknown.hint().contains("restore.deferIndexes"), unknown.hint());
            assertFalse(Files.exists(temp.resolve("unknown/mysql")), "nothing was loaded");

            // the second night: about 1% of the rows of the large tables changed
            source.execute("DROP DATABASE shop_copy");
            source.execute("UPDATE shop.big SET note = 'changed' WHERE id BETWEEN 20000 AND 20399");
            source.execute("UPDATE shop.coded SET v = -v WHERE v BETWEEN 5000 AND 5199");
            BackupInfo second = backup(fd, url).run().backup();
            // Each table is a few 1 MiB ranges here, so the two changed ranges and their chunk edges are 25-40% of
            // this small backup; docs/benchmarks.md measures the second night at scale.
            long firstBytes = first.stats().newBytes();
            assertTrue(second.stats().newBytes() < firstBytes / 2, "second night stored " + second.stats().newBytes()
                    + " new bytes, the first " + firstBytes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    void badCredentialsAndUnreachableServersFailClearly(MysqlInstallation installation) throws Exception {
        Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        try (MysqlProcess source = MysqlProcess.initialize(installation, temp.resolve("source")).start();
             Firedrill fd = Firedrill.configure().repository(temp.resolve("repo")).passphrase(PASSPHRASE).load()) {
            source.execute("CREATE USER 'app'@'%' IDENTIFIED BY 'right'");
            FiredrillException wrong = assertThrows(FiredrillException.class, () -> fd.backup().database(
                    "jdbc:mariadb://127.0.0.1:" + source.port() + "/?user=app&password=wrong&allowPublicKeyRetrieval=true").run());
            assertEquals(ErrorCode.SOURCE_FAILURE, wrong.code());
            assertTrue(wrong.hint().contains("user and password"), wrong.hint());
            assertFalse(wrong.getMessage().contains("wrong"), "the password is not echoed: " + wrong.getMessage());

            int closed = freePort();
            FiredrillException unreachable = assertThrows(FiredrillException.class, () -> fd.backup().database(
                    "jdbc:mysql://127.0.0.1:" + closed + "/?user=root&connectTimeout=2000").run());
            assertEquals(ErrorCode.SOURCE_FAILURE, unreachable.code());
            assertTrue(unreachable.hint().contains("accepts connections"), unreachable.hint());
            assertTrue(fd.list().isEmpty());
        }
    }

    private static void checkObjects(Connection c, String schema) throws Exception {
        assertEquals("10", SampleData.query(c, "SELECT n FROM `" + schema + "`.v_on_view"));
        assertEquals("84", SampleData.query(c, "SELECT `" + schema + "`.f_double(42)"));
        try (Statement s = c.createStatement()) {
            s.execute("CALL `" + schema + "`.p_count(@n)");
            assertEquals("40000", SampleData.query(c, "SELECT @n"));
            assertEquals("1", SampleData.query(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS "
                    + "WHERE TRIGGER_SCHEMA = '" + schema + "'"));
            assertEquals("1", SampleData.query(c, "SELECT COUNT(*) FROM information_schema.EVENTS "
                    + "WHERE EVENT_SCHEMA = '" + schema + "'"));
            assertEquals("2", SampleData.query(c, "SELECT COUNT(*) FROM information_schema.STATISTICS "
                    + "WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_NAME = 'big'"), "primary key and KEY(name)");
        }
    }

    private static void assertBinaryExact(Connection c, String schema) throws Exception {
        try (Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT bl, lat, vc FROM `" + schema + "`.types WHERE id = 1")) {
            rs.next();
            assertArrayEquals(SampleData.ALL_BYTES, rs.getBytes(1));
            assertEquals("caf\u00e9", rs.getString(2));
            assertEquals("tab\there\nnewline\\backslash \u00e9\u00e8 \ud83d\ude80 \\N", rs.getString(3));
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

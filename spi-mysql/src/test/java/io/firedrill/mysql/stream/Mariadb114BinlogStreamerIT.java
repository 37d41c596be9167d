package io.firedrill.mysql.stream;

import io.firedrill.mysql.server.MysqlInstallation;

/** Binlog streaming from MariaDB 11.4 (binaries from Maven Central). */
class Mariadb114BinlogStreamerIT extends BinlogStreamerContract {
    @Override
    MysqlInstallation installation() {
        return MysqlInstallation.mariadbFromMavenCentral();
    }

    @Override
    String streamPrefix() {
        return "mariadb-";
    }
}

package io.firedrill.mysql.stream;

import io.firedrill.mysql.server.MysqlInstallation;

/** Binlog streaming from Debian's MariaDB 10.11. */
class MariadbBinlogStreamerIT extends BinlogStreamerContract {
    @Override
    MysqlInstallation installation() {
        return MysqlInstallation.debianMariadb();
    }

    @Override
    String streamPrefix() {
        return "mariadb-";
    }
}

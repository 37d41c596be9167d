package io.firedrill.mysql.replay;

import io.firedrill.mysql.server.MysqlInstallation;

/** Binlog replay into MySQL 8.0.31 (GTIDs on), from Maven Central. */
class MysqlBinlogReplayIT extends BinlogReplayContract {
    @Override
    MysqlInstallation installation() {
        return MysqlInstallation.mysqlFromMavenCentral();
    }
}

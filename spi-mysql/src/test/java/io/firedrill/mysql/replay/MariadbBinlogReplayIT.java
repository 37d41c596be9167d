package io.firedrill.mysql.replay;

import io.firedrill.mysql.server.MysqlInstallation;

/** Binlog replay into Debian's MariaDB 10.11 (domain-server-sequence GTIDs). */
class MariadbBinlogReplayIT extends BinlogReplayContract {
    @Override
    MysqlInstallation installation() {
        return MysqlInstallation.debianMariadb();
    }
}

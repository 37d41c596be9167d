package io.firedrill.mysql.engine;

import io.firedrill.mysql.server.MysqlFlavor;

/**
 * The name of the log stream a server's binary logs are archived under: one per server identity, so a failover to
 * another server never writes into the same stream.
 */
public final class BinlogStreamName {
    private BinlogStreamName() {
    }

    /** {@code mysql-<server_uuid>} for MySQL, {@code mariadb-<server_id>} for MariaDB. */
    public static String of(MysqlFlavor flavor, String serverUuid, long serverId) {
        return flavor == MysqlFlavor.MYSQL ? "mysql-" + serverUuid : "mariadb-" + serverId;
    }
}

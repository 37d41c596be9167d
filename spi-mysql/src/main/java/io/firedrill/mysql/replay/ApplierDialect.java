package io.firedrill.mysql.replay;

import io.firedrill.mysql.server.MysqlFlavor;

/**
 * The replication statements and status columns of each server: MySQL 8.0.23+ speaks of sources and replicas,
 * MariaDB of masters and slaves (with {@code REPLICA} synonyms for some statements only).
 */
enum ApplierDialect {
    /** MySQL 8.0.23 and later. */
    MYSQL("SHOW REPLICA STATUS", "Replica_SQL_Running", "replica_parallel_workers", "STOP REPLICA",
            "RESET REPLICA ALL", "@@global.gtid_executed"),
    /** MariaDB 10.5 and later. */
    MARIADB("SHOW SLAVE STATUS", "Slave_SQL_Running", "slave_parallel_threads", "STOP SLAVE", "RESET SLAVE ALL",
            "@@global.gtid_slave_pos");

    final String status;
    final String sqlRunningColumn;
    final String parallelVariable;
    final String stop;
    final String reset;
    final String gtidState;

    ApplierDialect(String status, String sqlRunningColumn, String parallelVariable, String stop, String reset,
            String gtidState) {
        this.status = status;
        this.sqlRunningColumn = sqlRunningColumn;
        this.parallelVariable = parallelVariable;
        this.stop = stop;
        this.reset = reset;
        this.gtidState = gtidState;
    }

    static ApplierDialect of(MysqlFlavor flavor) {
        return flavor == MysqlFlavor.MYSQL ? MYSQL : MARIADB;
    }

    /** Points the (stopped) applier at a relay log position; the host name is a placeholder, never contacted. */
    String changeSource(String relayFile, long position) {
        return this == MYSQL
                ? "CHANGE REPLICATION SOURCE TO SOURCE_HOST='firedrill-replay.invalid', RELAY_LOG_FILE='" + relayFile
                        + "', RELAY_LOG_POS=" + position
                : "CHANGE MASTER TO MASTER_HOST='firedrill-replay.invalid', MASTER_USE_GTID=no, RELAY_LOG_FILE='"
                        + relayFile + "', RELAY_LOG_POS=" + position;
    }

    /** Starts only the applier, which stops by itself once it reaches the relay log position. */
    String startUntil(String relayFile, long position) {
        return (this == MYSQL ? "START REPLICA" : "START SLAVE") + " SQL_THREAD UNTIL RELAY_LOG_FILE='" + relayFile
                + "', RELAY_LOG_POS=" + position;
    }
}

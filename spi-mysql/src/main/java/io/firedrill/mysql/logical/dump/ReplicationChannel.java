package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.server.MysqlFlavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One replication channel of a replica (MySQL: a channel, MariaDB: a named connection; the unnamed default one is
 * {@code ""}), as its status row shows it. The column names differ between servers (MySQL 8.0.22+ says
 * {@code Replica_SQL_Running}, {@code Relay_Source_Log_File}, {@code Exec_Source_Log_Pos}, {@code Source_UUID};
 * older MySQL and MariaDB say {@code Slave_SQL_Running}, {@code Relay_Master_Log_File}, {@code Exec_Master_Log_Pos},
 * {@code Master_UUID}): each value is read under whichever name the row has.
 *
 * @param name the channel or connection name, {@code ""} for the default one
 * @param sqlRunning whether the SQL (applier) thread runs
 * @param ioRunning whether the IO (receiver) thread runs or is connecting
 * @param sourceServerId the source's {@code server_id}
 * @param sourceUuid the source's {@code server_uuid} (MySQL), or {@code ""}
 * @param sourceBinlogFile the source's binary log holding the last transaction applied
 * @param sourceBinlogPosition the position in it just after that transaction
 */
record ReplicationChannel(String name, boolean sqlRunning, boolean ioRunning, long sourceServerId, String sourceUuid,
                          String sourceBinlogFile, long sourceBinlogPosition) {

    /**
     * The statements that read and control the applier, which changed names: {@code SHOW REPLICA STATUS} and
     * {@code STOP REPLICA} on MySQL 8.0.22 and later (8.4 knows no other), {@code SHOW SLAVE STATUS} before;
     * MariaDB's {@code SHOW ALL SLAVES STATUS} lists every named connection.
     */
    enum Dialect {
        MYSQL_REPLICA("SHOW REPLICA STATUS", "REPLICA"),
        MYSQL_SLAVE("SHOW SLAVE STATUS", "SLAVE"),
        MARIADB("SHOW ALL SLAVES STATUS", "SLAVE");

        private final String status;
        private final String word;

        Dialect(String status, String word) {
            this.status = status;
            this.word = word;
        }

        /** {@code STOP}/{@code START} of the SQL thread of {@code channel}. */
        String sqlThread(String verb, String channel) {
            if (this == MARIADB) {
                return verb + " SLAVE " + (channel.isEmpty() ? "" : literal(channel) + " ") + "SQL_THREAD";
            }
            return verb + " " + word + " SQL_THREAD FOR CHANNEL " + literal(channel);
        }

        private static String literal(String name) {
            return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
    }

    /** Whether the thread state column says it runs ({@code Yes}, or {@code Connecting} for the IO thread). */
    private static boolean running(String state) {
        return state != null && !state.equalsIgnoreCase("No");
    }

    /** The dialect of a server of {@code flavor}: tries the new MySQL statement and falls back on a syntax error. */
    static Dialect dialect(Connection connection, MysqlFlavor flavor) throws SQLException {
        if (flavor == MysqlFlavor.MARIADB) {
            return Dialect.MARIADB;
        }
        try (Statement s = connection.createStatement(); ResultSet ignored = s.executeQuery("SHOW REPLICA STATUS")) {
            return Dialect.MYSQL_REPLICA;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1064) {
                return Dialect.MYSQL_SLAVE;
            }
            throw e;
        }
    }

    /** Every channel, empty when the server replicates from nothing. */
    static List<ReplicationChannel> read(Connection connection, Dialect dialect) throws SQLException {
        List<ReplicationChannel> channels = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(dialect.status)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                }
                channels.add(new ReplicationChannel(value(row, "Channel_Name", "Connection_name"),
                        running(value(row, "Replica_SQL_Running", "Slave_SQL_Running")),
                        running(value(row, "Replica_IO_Running", "Slave_IO_Running")),
                        number(value(row, "Source_Server_Id", "Master_Server_Id")),
                        value(row, "Source_UUID", "Master_UUID"),
                        value(row, "Relay_Source_Log_File", "Relay_Master_Log_File"),
                        number(value(row, "Exec_Source_Log_Pos", "Exec_Master_Log_Pos"))));
            }
        }
        return channels;
    }

    private static String value(Map<String, String> row, String newName, String oldName) {
        String value = row.get(newName.toLowerCase(Locale.ROOT));
        if (value == null) {
            value = row.get(oldName.toLowerCase(Locale.ROOT));
        }
        return value == null ? "" : value;
    }

    private static long number(String value) {
        return value.isEmpty() ? -1 : Long.parseLong(value.trim());
    }
}

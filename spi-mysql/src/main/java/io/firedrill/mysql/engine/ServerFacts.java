package io.firedrill.mysql.engine;

import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.stream.BinlogStreamName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Who a server is: its flavor (told by its version string), version and identity.
 *
 * @param flavor MySQL or MariaDB
 * @param version {@code VERSION()}, such as {@code 8.0.31} or {@code 10.11.19-MariaDB-0+deb12u1-log}
 * @param serverId {@code @@server_id}
 * @param serverUuid {@code @@server_uuid} on MySQL, an empty string on MariaDB
 * @param binlogStream the log stream the server's binary logs are archived under ({@link BinlogStreamName})
 */
public record ServerFacts(MysqlFlavor flavor, String version, long serverId, String serverUuid,
                          String binlogStream) {

    /** Asks the server. */
    public static ServerFacts of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), @@server_id")) {
            rs.next();
            String version = rs.getString(1);
            long serverId = rs.getLong(2);
            MysqlFlavor flavor = version.contains("MariaDB") ? MysqlFlavor.MARIADB : MysqlFlavor.MYSQL;
            String uuid = "";
            String stream;
            if (flavor == MysqlFlavor.MYSQL) {
                try (ResultSet u = s.executeQuery("SELECT @@server_uuid")) {
                    u.next();
                    uuid = u.getString(1);
                }
                stream = BinlogStreamName.mysql(uuid);
            } else {
                try (ResultSet u = s.executeQuery("SELECT @@hostname, @@port, @@global.log_bin_basename")) {
                    u.next();
                    stream = BinlogStreamName.mariadb(serverId, u.getString(1), u.getString(2),
                            u.getString(3) == null ? "" : u.getString(3));
                }
            }
            return new ServerFacts(flavor, version, serverId, uuid, stream);
        }
    }

    /** The major and minor version as one number: 800 for 8.0, 1011 for 10.11. */
    public int majorMinor() {
        String[] parts = version.split("[.-]");
        return Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]);
    }

    /** {@code mysql} or {@code mariadb}, as recorded in a backup. */
    public String flavorName() {
        return flavor == MysqlFlavor.MYSQL ? "mysql" : "mariadb";
    }
}

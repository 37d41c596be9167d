package io.firedrill.mysql.engine;

import io.firedrill.api.BackupSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Connections to MySQL and MariaDB servers, all through MariaDB Connector/J (which speaks to both): a
 * {@code jdbc:mysql:} URL is opened as the same URL with the {@code jdbc:mariadb:} scheme, since the driver claims
 * only its own scheme unless told otherwise.
 */
public final class MysqlConnections {
    private MysqlConnections() {
    }

    /** Whether {@code connection} is a JDBC URL of the MySQL family. */
    public static boolean isMysqlFamily(String connection) {
        return connection.startsWith("jdbc:mysql:") || connection.startsWith("jdbc:mariadb:");
    }

    /**
     * Opens a connection.
     *
     * @param connection a {@code jdbc:mysql:} or {@code jdbc:mariadb:} URL, credentials included as the user wrote them
     * @param settings driver properties added to the URL's (the URL wins where both set one)
     * @param what the step, for the error, such as "connecting for a backup"
     * @throws io.firedrill.api.FiredrillException saying whether credentials, reachability or something else failed
     */
    public static Connection open(String connection, Map<String, String> settings, String what) {
        Properties properties = new Properties();
        settings.forEach(properties::setProperty);
        try {
            return DriverManager.getConnection(driverUrl(connection), properties);
        } catch (SQLException e) {
            throw MysqlFailure.of(what + " " + redacted(connection), e);
        }
    }

    /** The URL the driver accepts. */
    static String driverUrl(String connection) {
        return connection.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + connection.substring("jdbc:mysql:".length())
                : connection;
    }

    /** The connection without user info, query or parameters: safe for messages and logs. */
    public static String redacted(String connection) {
        return new BackupSource.Database(connection).displayName();
    }
}

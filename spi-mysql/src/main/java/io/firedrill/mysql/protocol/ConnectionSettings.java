package io.firedrill.mysql.protocol;

import io.firedrill.api.InvalidConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to connect to a MySQL or MariaDB server. {@link #toString()} never shows the password.
 *
 * @param host the host name or address
 * @param port the TCP port (default 3306)
 * @param user the user name
 * @param password the password, empty for none
 * @param connectTimeout how long opening the TCP connection and authenticating may take
 */
public record ConnectionSettings(String host, int port, String user, String password, Duration connectTimeout) {
    /** The server's default port. */
    public static final int DEFAULT_PORT = 3306;
    /** The connect timeout when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates. */
    public ConnectionSettings {
        if (host == null || host.isBlank()) {
            throw new InvalidConfigurationException("the MySQL host is empty", "give a host name or address");
        }
        if (port <= 0 || port > 65535) {
            throw new InvalidConfigurationException("MySQL port " + port + " is not a TCP port",
                    "use a port between 1 and 65535 (MySQL listens on 3306 by default)");
        }
        if (user == null || user.isEmpty()) {
            throw new InvalidConfigurationException("no MySQL user given for " + host + ":" + port,
                    "add user=<name> to the connection URL, for a user with REPLICATION SLAVE and REPLICATION CLIENT");
        }
        password = password == null ? "" : password;
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Settings with the default connect timeout. */
    public static ConnectionSettings of(String host, int port, String user, String password) {
        return new ConnectionSettings(host, port, user, password, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Parses {@code jdbc:mysql://host[:port][/db][?user=u&password=p]} or the same with {@code jdbc:mariadb:};
     * other parameters are ignored.
     *
     * @throws InvalidConfigurationException when the URL has another form (the message leaves out its query)
     */
    public static ConnectionSettings fromJdbcUrl(String url) {
        Objects.requireNonNull(url, "url");
        String rest;
        if (url.startsWith("jdbc:mysql://")) {
            rest = url.substring("jdbc:mysql://".length());
        } else if (url.startsWith("jdbc:mariadb://")) {
            rest = url.substring("jdbc:mariadb://".length());
        } else {
            throw new InvalidConfigurationException("'" + withoutQuery(url) + "' is not a MySQL or MariaDB JDBC URL",
                    "use jdbc:mysql://host:port/?user=name&password=secret (or jdbc:mariadb://…)");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException("the port in '" + withoutQuery(url) + "' is not a number",
                        "write host:port, such as db1:3306");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String user = null;
        String password = "";
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = parameter.substring(0, eq);
            String value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("user")) {
                user = value;
            } else if (key.equals("password")) {
                password = value;
            }
        }
        return of(host, port, user, password);
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The same settings as another user. */
    public ConnectionSettings withUser(String newUser, String newPassword) {
        return new ConnectionSettings(host, port, newUser, newPassword, connectTimeout);
    }

    /** {@code user@host:port}, without the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}

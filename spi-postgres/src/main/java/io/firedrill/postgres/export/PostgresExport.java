package io.firedrill.postgres.export;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.postgres.PostgresFailure;
import io.firedrill.postgres.server.PostgresInstallation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * Granular recovery: take one table or one database out of a recovered server (typically one that
 * {@code restore().recover(...).startServer(port)} left running) so it can be imported into the primary.
 * <ul>
 *   <li>{@link #tableAsCsv} copies a table's rows as CSV with a header over JDBC ({@code COPY … TO STDOUT}), with no
 *       tool needed;</li>
 *   <li>{@link #dump} runs the server's own {@code pg_dump} for a database or a single table, giving SQL that
 *       recreates the objects and their data.</li>
 * </ul>
 */
public final class PostgresExport {
    private PostgresExport() {
    }

    /**
     * Writes a table's rows to {@code target} as CSV with a header line.
     *
     * @param jdbcUrl the recovered server, for example {@code jdbc:postgresql://127.0.0.1:5433/app?user=postgres}
     * @param table a schema-qualified table, such as {@code public.customers}
     * @return the number of rows written
     */
    public static long tableAsCsv(String jdbcUrl, String table, Path target) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); OutputStream out = Files.newOutputStream(target)) {
            String quoted = quotedName(c, table);
            return c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM " + quoted + ") TO STDOUT WITH (FORMAT csv, HEADER)", out);
        } catch (SQLException e) {
            throw PostgresFailure.of("exporting " + table, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Dumps a database, or one table of it, as SQL with the server's own {@code pg_dump}.
     *
     * @param binaries an installation with {@code pg_dump} of the server's major version or newer (Debian's
     *     {@code postgresql-<major>})
     * @param host the server's host
     * @param port its port
     * @param user a user allowed to read everything exported
     * @param database the database
     * @param table a schema-qualified table, or {@code null} for the whole database
     * @param target the SQL file to write
     */
    public static void dump(PostgresInstallation binaries, String host, int port, String user, String database,
                            String table, Path target) {
        if (!binaries.has("pg_dump")) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "no pg_dump in " + binaries.binDir(),
                    "install Debian's postgresql-client of the server's major version, or export rows with tableAsCsv");
        }
        List<String> command = new ArrayList<>(List.of(binaries.bin("pg_dump").toString(), "-h", host, "-p",
                Integer.toString(port), "-U", user, "-f", target.toString(), "--no-owner"));
        if (table != null) {
            command.addAll(List.of("-t", table));
        }
        command.add(database);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "pg_dump of " + database
                        + (table == null ? "" : " table " + table) + " failed: " + output.strip(),
                        "check that pg_dump's major version is at least the server's");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running pg_dump failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dumping", e);
        }
    }

    /** The table's name quoted by the server itself, after checking it exists. */
    private static String quotedName(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('" + table.replace("'", "''") + "')::text")) {
            rs.next();
            String name = rs.getString(1);
            if (name == null) {
                throw new FiredrillException(ErrorCode.INVALID_TARGET, "table " + table + " does not exist on the "
                        + "recovered server", "check the name (schema.table) and the recovery target");
            }
            return name;
        }
    }
}

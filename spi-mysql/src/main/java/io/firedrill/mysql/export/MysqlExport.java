package io.firedrill.mysql.export;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.StreamSink;
import io.firedrill.mysql.engine.MysqlConnections;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.engine.ServerFacts;
import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.dump.KeyRange;
import io.firedrill.mysql.logical.dump.SchemaCatalog;
import io.firedrill.mysql.logical.dump.TableDumper;
import io.firedrill.mysql.logical.dump.TablePlan;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.load.DataLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Map;

/**
 * Granular recovery from a recovered (or any) MySQL or MariaDB server: one table as CSV or as Firedrill's TSV, or
 * one schema as SQL DDL plus TSV data files with a {@code load.sql} that loads them back. Each export reads one
 * consistent snapshot and streams rows (memory stays bounded whatever the table size).
 *
 * <p>CSV follows RFC 4180 in UTF-8: a header row of column names, fields quoted when they hold a comma, a quote or a
 * line break, SQL NULL as an empty unquoted field and the empty string as {@code ""}; binary columns are written as
 * {@code 0x}-prefixed hexadecimal; temporal values in UTC. TSV is the backup's data format (docs/mysql.md, "Logical
 * backup format"): binary-safe and loadable with {@code LOAD DATA ... CHARACTER SET binary}.
 */
public final class MysqlExport {
    /** Table export formats. */
    public enum Format {
        /** RFC 4180 comma-separated values with a header row. */
        CSV,
        /** Firedrill's tab-separated data format, without a header. */
        TSV
    }

    private MysqlExport() {
    }

    /**
     * Exports one table.
     *
     * @param connection a {@code jdbc:mariadb:} or {@code jdbc:mysql:} URL of the server
     * @param file the file to write (replaced)
     * @return how many rows were written
     */
    public static long table(String connection, String schema, String table, Path file, Format format) {
        try (Connection c = snapshot(connection); OutputStream out = Files.newOutputStream(file)) {
            if (format == Format.TSV) {
                return TableDumper.dump(c, plan(c, schema, table), KeyRange.ALL, out);
            }
            return csv(c, plan(c, schema, table), out);
        } catch (SQLException e) {
            throw MysqlFailure.of("exporting " + schema + "." + table, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Exports one schema into {@code directory}: DDL streams under {@code schema/}, one TSV per table under
     * {@code data/} (the backup format's names), and {@code load.sql}, which recreates the schema and loads the data
     * when run from that directory ({@code mariadb --local-infile=1 < load.sql}).
     *
     * @return how many rows were written
     */
    public static long schema(String connection, String schema, Path directory) {
        FileSink sink = new FileSink(directory);
        long rows = 0;
        try (Connection c = snapshot(connection);
             Writer load = Files.newBufferedWriter(directory.resolve("load.sql"), StandardCharsets.UTF_8)) {
            SchemaCatalog.SchemaRead read = new SchemaCatalog(c, sink, ServerFacts.of(c).flavor()).read(schema);
            if (read.tables().isEmpty() && read.objects().isEmpty()) {
                throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "schema " + schema
                        + " has no tables or objects on the server", "check the schema name");
            }
            load.write("SET NAMES utf8mb4;\nSET foreign_key_checks = 0, unique_checks = 0, time_zone = '+00:00', "
                    + "sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n");
            load.write(read(directory, read.stream()) + ";\nUSE " + Sql.quote(schema) + ";\n");
            for (TablePlan table : read.tables()) {
                String data = io.firedrill.mysql.logical.format.StreamNames.data(schema, table.name(), 0);
                try (OutputStream out = sink.create(data)) {
                    rows += TableDumper.dump(c, table, KeyRange.ALL, out);
                }
                load.write(read(directory, table.stream()) + ";\n");
                load.write(DataLoader.statement(Sql.literal(data), Sql.quote(table.name()), table.columns().stream()
                        .map(col -> new BackupMetadata.Column(col.name(), col.kind())).toList()) + ";\n");
            }
            load.write("DELIMITER ;;\n");
            for (var object : read.objects()) {
                load.write("SET sql_mode = " + Sql.literal(object.sqlMode()) + ";;\n" + read(directory, object.stream())
                        + ";;\n");
            }
            load.write("DELIMITER ;\n");
            return rows;
        } catch (SQLException e) {
            throw MysqlFailure.of("exporting schema " + schema, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into " + directory + " failed: " + e.getMessage(), e);
        }
    }

    private static Connection snapshot(String connection) throws SQLException {
        Connection c = MysqlConnections.open(connection, Map.of(), "connecting for an export to");
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00', SESSION sql_mode = ''");
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static TablePlan plan(Connection c, String schema, String table) throws SQLException {
        SchemaCatalog catalog = new SchemaCatalog(c, null, ServerFacts.of(c).flavor());
        return catalog.read(schema).tables().stream().filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow(() -> new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "no base table " + schema
                        + "." + table + " on the server", "check the schema and table names"));
    }

    private static long csv(Connection c, TablePlan table, OutputStream out) throws SQLException, IOException {
        Writer writer = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long rows = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(4096);
            String columns = String.join(", ", table.columns().stream().map(col -> Sql.quote(col.name())).toList());
            String order = table.key().isEmpty() ? "" : " ORDER BY " + String.join(", ",
                    table.key().stream().map(k -> Sql.quote(k.name())).toList());
            try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table.quoted() + order)) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                for (int i = 1; i <= n; i++) {
                    writer.write((i > 1 ? "," : "") + quoteCsv(meta.getColumnLabel(i)));
                }
                writer.write("\r\n");
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        if (i > 1) {
                            writer.write(',');
                        }
                        writer.write(csvValue(rs, meta, i));
                    }
                    writer.write("\r\n");
                    rows++;
                }
            }
        }
        writer.flush();
        return rows;
    }

    private static String csvValue(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                || type == Types.BLOB || type == Types.BIT && meta.getPrecision(i) > 1;
        if (binary) {
            byte[] bytes = rs.getBytes(i);
            return bytes == null ? "" : "0x" + HexFormat.of().formatHex(bytes);
        }
        String value = rs.getString(i);
        return value == null ? "" : quoteCsv(value);
    }

    private static String quoteCsv(String value) {
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String read(Path directory, String stream) throws IOException {
        return Files.readString(directory.resolve(stream), StandardCharsets.UTF_8);
    }

    /** Streams written as files under a directory. */
    private static final class FileSink implements StreamSink {
        private final Path root;

        FileSink(Path root) {
            this.root = root;
        }

        @Override
        public OutputStream create(String name) {
            Path path = root.resolve(name).normalize();
            try {
                Files.createDirectories(path.getParent());
                return Files.newOutputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException("creating " + path + " failed: " + e.getMessage(), e);
            }
        }
    }
}

package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.StreamSink;
import io.firedrill.mysql.logical.format.BackupMetadata.SchemaObject;
import io.firedrill.mysql.logical.format.StreamNames;
import io.firedrill.mysql.server.MysqlFlavor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the schema of the dumped schemas and writes every object's DDL as its own stream: databases, tables
 * ({@code SHOW CREATE TABLE}), views, procedures, functions, triggers and events, each with the session settings
 * it was defined under. Also finds each table's ordering key: the primary key, else the first unique index whose
 * columns are all NOT NULL and unprefixed.
 */
public final class SchemaCatalog {
    private final Connection connection;
    private final StreamSink sink;
    private final MysqlFlavor flavor;

    /**
     * One schema read.
     *
     * @param name its name
     * @param stream its {@code CREATE DATABASE} stream
     * @param tables its base tables
     * @param objects its other objects
     */
    public record SchemaRead(String name, String stream, List<TablePlan> tables, List<SchemaObject> objects) {
    }

    /**
     * @param connection a dump connection, with {@code character_set_results} utf8mb4
     * @param sink where DDL streams go, or {@code null} to read without writing (exports)
     * @param flavor the server's flavor
     */
    public SchemaCatalog(Connection connection, StreamSink sink, MysqlFlavor flavor) {
        this.connection = connection;
        this.sink = sink;
        this.flavor = flavor;
    }

    /** The schemas to dump, in name order. */
    public List<String> schemas(DumpSettings settings) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1")) {
            while (rs.next()) {
                if (settings.dumps(rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Reads one schema, writing its DDL streams. */
    public SchemaRead read(String schema) throws SQLException {
        String databaseStream = StreamNames.database(schema);
        write(databaseStream, row("SHOW CREATE DATABASE " + Sql.quote(schema), 2));
        Map<String, List<TablePlan.KeyColumn>> columns = columns(schema);
        Map<String, List<TablePlan.KeyColumn>> keys = keys(schema, columns);
        List<TablePlan> tables = new ArrayList<>();
        List<SchemaObject> objects = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT TABLE_NAME, TABLE_TYPE, "
                + "COALESCE(DATA_LENGTH, 0), COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    if (type.equals("BASE TABLE")) {
                        String stream = StreamNames.object(schema, "table", name);
                        tables.add(new TablePlan(schema, name, stream, columns.getOrDefault(name, List.of()),
                                keys.getOrDefault(name, List.of()), rs.getLong(3), rs.getLong(4)));
                    } else if (type.equals("VIEW")) {
                        objects.add(new SchemaObject("view", name, StreamNames.object(schema, "view", name), "",
                                "", ""));
                    } else {
                        throw new FiredrillException(ErrorCode.ENGINE_FAILURE, schema + "." + name + " is a " + type
                                + ", which logical backups do not handle yet",
                                "exclude schema " + schema + " with firedrill.mysql.excludeSchemas");
                    }
                }
            }
        }
        for (TablePlan table : tables) {
            write(table.stream(), row("SHOW CREATE TABLE " + table.quoted(), 2));
        }
        List<SchemaObject> views = new ArrayList<>();
        for (SchemaObject view : objects) {
            String[] created = columns("SHOW CREATE VIEW " + Sql.quote(schema) + "." + Sql.quote(view.name()), 2, 3, 4);
            write(view.stream(), created[0]);
            views.add(new SchemaObject("view", view.name(), view.stream(), "", created[1], created[2]));
        }
        List<SchemaObject> all = new ArrayList<>(views);
        all.addAll(routines(schema));
        all.addAll(named(schema, "trigger", "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", "SHOW CREATE TRIGGER ", 3));
        all.addAll(named(schema, "event", "SELECT EVENT_NAME FROM information_schema.EVENTS "
                + "WHERE EVENT_SCHEMA = ? ORDER BY 1", "SHOW CREATE EVENT ", 4));
        return new SchemaRead(schema, databaseStream, tables, all);
    }

    private List<SchemaObject> routines(String schema) throws SQLException {
        List<SchemaObject> found = new ArrayList<>();
        Map<String, String> routines = new TreeMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM "
                + "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE, ROUTINE_NAME")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    routines.put(rs.getString(2).toLowerCase(java.util.Locale.ROOT) + "\0" + rs.getString(1),
                            rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, String> r : routines.entrySet()) {
            String type = r.getKey().substring(0, r.getKey().indexOf('\0'));
            if (!type.equals("procedure") && !type.equals("function")) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, schema + "." + r.getValue() + " is a " + type
                        + ", which logical backups do not handle yet", "exclude schema " + schema);
            }
            found.add(object(schema, type, r.getValue(), "SHOW CREATE " + type.toUpperCase(java.util.Locale.ROOT)
                    + " ", 3));
        }
        return found;
    }

    private List<SchemaObject> named(String schema, String type, String list, String show, int ddlColumn)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(list)) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        List<SchemaObject> found = new ArrayList<>();
        for (String name : names) {
            found.add(object(schema, type, name, show, ddlColumn));
        }
        return found;
    }

    /** One routine, trigger or event: sql_mode is column 2, the DDL {@code ddlColumn}, then the two charsets. */
    private SchemaObject object(String schema, String type, String name, String show, int ddlColumn)
            throws SQLException {
        String[] row = columns(show + Sql.quote(schema) + "." + Sql.quote(name), 2, ddlColumn, ddlColumn + 1,
                ddlColumn + 2);
        if (row[1] == null) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the definition of " + type + " " + schema + "."
                    + name + " is hidden from the backup user", "grant the backup user SELECT on mysql.proc / "
                    + "SHOW_ROUTINE (MySQL) or the rights to see the object");
        }
        String stream = StreamNames.object(schema, type, name);
        write(stream, row[1]);
        return new SchemaObject(type, name, stream, row[0], row[2], row[3]);
    }

    private Map<String, List<TablePlan.KeyColumn>> columns(String schema) throws SQLException {
        Map<String, List<TablePlan.KeyColumn>> columns = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, LOWER(DATA_TYPE), "
                + "COALESCE(GENERATION_EXPRESSION, '') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(4).isEmpty()) {
                        continue;
                    }
                    String dataType = rs.getString(3);
                    String kind = dataType.equals("bit") ? "bit"
                            : dataType.equals("json") && flavor == MysqlFlavor.MYSQL ? "json" : "plain";
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TablePlan.KeyColumn(rs.getString(2), dataType, kind));
                }
            }
        }
        return columns;
    }

    private Map<String, List<TablePlan.KeyColumn>> keys(String schema, Map<String, List<TablePlan.KeyColumn>> columns)
            throws SQLException {
        // table -> index -> columns in order; an index is usable when unique, non-null and unprefixed
        Map<String, Map<String, List<String>>> candidates = new TreeMap<>();
        Map<String, Boolean> usable = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, "
                + "NON_UNIQUE, NULLABLE, SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String index = rs.getString(2);
                    candidates.computeIfAbsent(table, k -> new TreeMap<>()).computeIfAbsent(index,
                            k -> new ArrayList<>()).add(rs.getString(3));
                    boolean ok = rs.getInt(4) == 0 && !"YES".equals(rs.getString(5)) && rs.getObject(6) == null
                            && rs.getString(3) != null;
                    usable.merge(table + "\0" + index, ok, Boolean::logicalAnd);
                }
            }
        }
        Map<String, List<TablePlan.KeyColumn>> keys = new LinkedHashMap<>();
        candidates.forEach((table, indexes) -> {
            List<String> chosen = indexes.containsKey("PRIMARY") && usable.get(table + "\0PRIMARY")
                    ? indexes.get("PRIMARY") : null;
            for (Map.Entry<String, List<String>> index : indexes.entrySet()) {
                if (chosen == null && usable.get(table + "\0" + index.getKey())) {
                    chosen = index.getValue();
                }
            }
            if (chosen != null) {
                List<TablePlan.KeyColumn> key = new ArrayList<>();
                for (String name : chosen) {
                    TablePlan.KeyColumn column = columns.getOrDefault(table, List.of()).stream()
                            .filter(c -> c.name().equals(name)).findFirst().orElse(null);
                    if (column == null) {
                        return;
                    }
                    key.add(column);
                }
                keys.put(table, key);
            }
        });
        return keys;
    }

    private String row(String sql, int column) throws SQLException {
        return columns(sql, column)[0];
    }

    private String[] columns(String sql, int... indexes) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no result from " + sql);
            }
            String[] values = new String[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                values[i] = rs.getString(indexes[i]);
            }
            return values;
        }
    }

    private void write(String stream, String sql) {
        if (sink == null) {
            return;
        }
        try (OutputStream out = sink.create(stream)) {
            out.write(sql.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing stream " + stream + " failed: " + e.getMessage(), e);
        }
    }
}

package io.firedrill.mysql.logical.load;

import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.format.SchemaRenamer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recreates views, procedures, functions, triggers and events after the data (so triggers do not fire during the
 * load), each under the {@code sql_mode} and character sets it was defined with. Views are created in dependency
 * order by retrying those that name a view not created yet. A {@code DEFINER} account missing on the target server
 * is dropped from the statement, so the object belongs to the restoring account instead of failing at use. On an
 * existing server events are created disabled: they must not start running next to the live data.
 */
final class ObjectLoader {
    private static final Pattern DEFINER = Pattern.compile("DEFINER=`((?:[^`]|``)*)`@`((?:[^`]|``)*)` ");

    private final Connection connection;
    private final SchemaRenamer renamer;
    private final boolean existingServer;
    private int definersReplaced;
    private int eventsDisabled;

    ObjectLoader(Connection connection, SchemaRenamer renamer, boolean existingServer) {
        this.connection = connection;
        this.renamer = renamer;
        this.existingServer = existingServer;
    }

    /** An object and its SQL. */
    record Definition(String schema, BackupMetadata.SchemaObject object, String sql) {
    }

    /** Creates every object; views first. */
    void create(List<Definition> definitions) throws SQLException {
        List<Definition> views = new ArrayList<>(definitions.stream().filter(d -> d.object().type().equals("view"))
                .toList());
        while (!views.isEmpty()) {
            List<Definition> failed = new ArrayList<>();
            SQLException last = null;
            for (Definition view : views) {
                try {
                    execute(view);
                } catch (SQLException e) {
                    failed.add(view);
                    last = e;
                }
            }
            if (failed.size() == views.size()) {
                throw last;
            }
            views = failed;
        }
        for (Definition d : definitions) {
            if (!d.object().type().equals("view")) {
                execute(d);
                if (existingServer && d.object().type().equals("event")) {
                    run("ALTER EVENT " + Sql.quote(d.object().name()) + " DISABLE");
                    eventsDisabled++;
                }
            }
        }
    }

    private void execute(Definition d) throws SQLException {
        BackupMetadata.SchemaObject o = d.object();
        String sql = definer(renamer.rewrite(d.sql()));
        connection.setCatalog(renamer.target(d.schema()));
        try (Statement s = connection.createStatement()) {
            if (!o.characterSetClient().isEmpty()) {
                s.execute("SET character_set_client = " + Sql.literal(o.characterSetClient())
                        + ", collation_connection = " + Sql.literal(o.collationConnection()));
            }
            s.execute("SET SESSION sql_mode = " + Sql.literal(o.sqlMode()));
            try {
                s.execute(sql);
            } finally {
                s.execute("SET NAMES utf8mb4");
                s.execute("SET SESSION sql_mode = '" + LoadSession.SQL_MODE + "'");
            }
        }
    }

    private String definer(String sql) throws SQLException {
        Matcher m = DEFINER.matcher(sql);
        if (!m.find() || accountExists(m.group(1).replace("``", "`"), m.group(2).replace("``", "`"))) {
            return sql;
        }
        definersReplaced++;
        return sql.substring(0, m.start()) + sql.substring(m.end());
    }

    private boolean accountExists(String user, String host) {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
            p.setString(1, user);
            p.setString(2, host);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private void run(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** How many objects lost a DEFINER whose account the target server lacks. */
    int definersReplaced() {
        return definersReplaced;
    }

    /** How many events were created disabled. */
    int eventsDisabled() {
        return eventsDisabled;
    }
}

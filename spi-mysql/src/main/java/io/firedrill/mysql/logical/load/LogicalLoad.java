package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.StreamSource;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.WorkQueue;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.format.DeferredIndexes;
import io.firedrill.mysql.logical.format.SchemaRenamer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a logical backup into a server, in parallel: databases and tables first (tables without their secondary
 * indexes, see {@link DeferredIndexes}), then every data stream on whichever connection is free, largest first;
 * a table's deferred indexes are added as soon as its last stream is in; then views, routines, triggers and events
 * ({@link ObjectLoader}); then accounts, on a new server only.
 *
 * <p>The restore option {@value #DEFER_INDEXES} {@code false} (or the system property
 * {@code firedrill.mysql.restore.deferIndexes=false}) creates tables with every index instead.
 */
final class LogicalLoad {
    private final BackupMetadata metadata;
    private final StreamSource streams;
    private final SchemaRenamer renamer;
    private final String url;
    private final boolean newServer;
    private final int parallelism;
    /** The restore option that turns deferred secondary indexes off. */
    static final String DEFER_INDEXES = "restore.deferIndexes";
    private final boolean deferIndexes;

    /** What was loaded. */
    record Outcome(int tables, long rows, Map<String, String> facts) {
    }

    LogicalLoad(BackupMetadata metadata, StreamSource streams, Map<String, String> renames, String url,
                boolean newServer, int parallelism, boolean deferIndexes) {
        this.metadata = metadata;
        this.deferIndexes = deferIndexes;
        this.streams = streams;
        this.url = url;
        this.newServer = newServer;
        this.parallelism = Math.max(1, parallelism);
        Map<String, Set<String>> objects = new LinkedHashMap<>();
        for (BackupMetadata.Schema schema : metadata.schemas()) {
            Set<String> names = new HashSet<>();
            schema.tables().forEach(t -> names.add(t.name()));
            schema.objects().forEach(o -> names.add(o.name()));
            objects.put(schema.name(), names);
        }
        for (String from : renames.keySet()) {
            if (!objects.containsKey(from)) {
                throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "renameSchema(\"" + from
                        + "\", …): the backup has no schema " + from, "the backup's schemas are " + objects.keySet());
            }
        }
        this.renamer = new SchemaRenamer(renames, objects);
    }

    Outcome run() {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < parallelism; i++) {
                connections.add(LoadSession.open(url, newServer));
            }
            Connection first = connections.get(0);
            if (!newServer) {
                refuseExisting(first);
            }
            Map<String, String> facts = new LinkedHashMap<>();
            long t = System.nanoTime();
            Map<String, String> deferred = createTables(first);
            t = lap(facts, "tablesSeconds", t);
            AtomicLong rows = new AtomicLong();
            loadData(connections, deferred, rows);
            t = lap(facts, "dataAndIndexesSeconds", t);
            ObjectLoader objects = new ObjectLoader(first, renamer, !newServer);
            List<ObjectLoader.Definition> definitions = definitions();
            objects.create(definitions);
            lap(facts, "objectsSeconds", t);
            facts.put("objects", Integer.toString(definitions.size()));
            facts.put("definersReplaced", Integer.toString(objects.definersReplaced()));
            if (!newServer) {
                facts.put("eventsDisabled", Integer.toString(objects.eventsDisabled()));
            }
            if (metadata.accounts() != null) {
                facts.put("accounts", newServer ? Integer.toString(loadAccounts(first))
                        : "not loaded into an existing server");
            }
            int tables = metadata.schemas().stream().mapToInt(s -> s.tables().size()).sum();
            facts.put("tables", Integer.toString(tables));
            facts.put("rows", Long.toString(rows.get()));
            facts.put("indexesDeferred", Integer.toString(deferred.size()));
            return new Outcome(tables, rows.get(), facts);
        } catch (SQLException e) {
            throw MysqlFailure.of("loading the backup", e);
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the load is over
                }
            }
        }
    }

    private static long lap(Map<String, String> facts, String name, long since) {
        long now = System.nanoTime();
        facts.put(name, String.format(java.util.Locale.ROOT, "%.1f", (now - since) / 1e9));
        return now;
    }

    private void refuseExisting(Connection connection) throws SQLException {
        List<String> clashes = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            for (BackupMetadata.Schema schema : metadata.schemas()) {
                Set<String> ours = new HashSet<>();
                schema.tables().forEach(t -> ours.add(t.name()));
                schema.objects().stream().filter(o -> o.type().equals("view")).forEach(o -> ours.add(o.name()));
                String target = renamer.target(schema.name());
                p.setString(1, target);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (ours.contains(rs.getString(1))) {
                            clashes.add(target + "." + rs.getString(1));
                        }
                    }
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "the server already has " + clashes.size()
                    + " of the tables to restore: " + String.join(", ", clashes.subList(0, Math.min(20,
                    clashes.size()))) + (clashes.size() > 20 ? ", …" : "") + "; nothing was loaded",
                    "restore under another schema name with renameSchema(from, to), or drop those tables first");
        }
    }

    /** Creates databases and tables; returns the deferred index statements by quoted table. */
    private Map<String, String> createTables(Connection connection) throws SQLException {
        Map<String, String> deferred = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            for (BackupMetadata.Schema schema : metadata.schemas()) {
                String target = renamer.target(schema.name());
                s.execute(createDatabase(read(schema.stream()), target));
                connection.setCatalog(target);
                for (BackupMetadata.Table table : schema.tables()) {
                    String create = renamer.rewrite(read(table.stream()));
                    String quoted = Sql.quote(target) + "." + Sql.quote(table.name());
                    if (deferIndexes) {
                        DeferredIndexes split = DeferredIndexes.split(create, quoted);
                        create = split.create();
                        if (!split.addIndexes().isEmpty()) {
                            deferred.put(quoted, split.addIndexes());
                        }
                    }
                    s.execute(create);
                }
            }
        }
        return deferred;
    }

    /** {@code CREATE DATABASE IF NOT EXISTS `target` …} from the dumped statement's options. */
    static String createDatabase(String dumped, String target) {
        int open = dumped.indexOf('`');
        int close = open;
        while (close >= 0) {
            close = dumped.indexOf('`', close + 1);
            if (close + 1 < dumped.length() && dumped.charAt(close + 1) == '`') {
                close++;
                continue;
            }
            break;
        }
        String options = open < 0 || close < 0 ? "" : dumped.substring(close + 1);
        return "CREATE DATABASE IF NOT EXISTS " + Sql.quote(target) + options;
    }

    private void loadData(List<Connection> connections, Map<String, String> deferred, AtomicLong rows) {
        record Job(String quoted, BackupMetadata.Table table, BackupMetadata.Part part, AtomicInteger left) {
        }
        List<Job> jobs = new ArrayList<>();
        for (BackupMetadata.Schema schema : metadata.schemas()) {
            for (BackupMetadata.Table table : schema.tables()) {
                String quoted = Sql.quote(renamer.target(schema.name())) + "." + Sql.quote(table.name());
                AtomicInteger left = new AtomicInteger(table.data().size());
                table.data().forEach(part -> jobs.add(new Job(quoted, table, part, left)));
            }
        }
        jobs.sort(Comparator.comparingLong((Job j) -> j.part().rows()).reversed());
        WorkQueue queue = new WorkQueue();
        for (Job job : jobs) {
            queue.add((connection, q) -> {
                try (InputStream in = streams.open(job.part().stream())) {
                    DataLoader.load(connection, job.quoted(), job.table().columns(), in, job.part().rows(),
                            job.part().stream());
                } catch (SQLException e) {
                    throw MysqlFailure.of("loading " + job.part().stream() + " into " + job.quoted(), e);
                }
                rows.addAndGet(job.part().rows());
                String indexes = deferred.get(job.quoted());
                if (job.left().decrementAndGet() == 0 && indexes != null) {
                    q.addFirst((c, q2) -> {
                        try (Statement s = c.createStatement()) {
                            s.execute(indexes);
                        } catch (SQLException e) {
                            throw MysqlFailure.of("adding the secondary indexes of " + job.quoted(), e);
                        }
                    });
                }
            });
        }
        queue.run(connections, "firedrill-mysql-load");
    }

    private List<ObjectLoader.Definition> definitions() {
        List<ObjectLoader.Definition> definitions = new ArrayList<>();
        for (BackupMetadata.Schema schema : metadata.schemas()) {
            for (BackupMetadata.SchemaObject object : schema.objects()) {
                definitions.add(new ObjectLoader.Definition(schema.name(), object, read(object.stream())));
            }
        }
        return definitions;
    }

    private int loadAccounts(Connection connection) throws SQLException {
        int statements = 0;
        try (Statement s = connection.createStatement()) {
            for (String line : read(metadata.accounts()).split(";\n")) {
                if (!line.isBlank()) {
                    s.execute(line);
                    statements++;
                }
            }
        }
        return statements;
    }

    private String read(String stream) {
        try (InputStream in = streams.open(stream)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading stream " + stream + " failed: " + e.getMessage(), e);
        }
    }
}

package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.WorkQueue;
import io.firedrill.api.spi.LogicalBackup;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.api.spi.StreamSink;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.engine.ServerFacts;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.format.StreamNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logical backup of a MySQL or MariaDB server: a {@link ConsistentSnapshot} shared by the workers, the schema
 * read on the first of them, then every table planned ({@link RangePlanner}) and dumped range by range
 * ({@link TableDumper}) by whichever worker is free, largest tables first. The metadata stream is written last.
 */
public final class LogicalDump implements LogicalBackup {
    /** The catalog kind of these backups. */
    public static final String KIND = "mysql-logical";

    private static final Logger LOG = LoggerFactory.getLogger(LogicalDump.class);

    private final ConsistentSnapshot snapshot;
    private final DumpSettings settings;

    private LogicalDump(ConsistentSnapshot snapshot, DumpSettings settings) {
        this.snapshot = snapshot;
        this.settings = settings;
    }

    /** Opens the snapshot now, so the backup's point in time is when it starts. */
    public static LogicalDump start(String connection, DumpSettings settings) {
        return new LogicalDump(ConsistentSnapshot.open(connection, settings),
                settings);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String logStream() {
        return snapshot.coordinates().binlogFile() == null ? "" : snapshot.facts().binlogStream();
    }

    @Override
    public PhysicalBackup.Result dump(StreamSink sink) {
        long start = System.nanoTime();
        ServerFacts facts = snapshot.facts();
        Connection first = snapshot.workers().get(0);
        List<SchemaCatalog.SchemaRead> schemas = new ArrayList<>();
        String accounts = null;
        try {
            SchemaCatalog catalog = new SchemaCatalog(first, sink, facts.flavor());
            for (String schema : catalog.schemas(settings)) {
                schemas.add(catalog.read(schema));
            }
            if (settings.accounts()) {
                write(sink, StreamNames.ACCOUNTS, AccountsDump.sql(first));
                accounts = StreamNames.ACCOUNTS;
            }
        } catch (SQLException e) {
            throw MysqlFailure.of("reading the schema", e);
        }
        Map<String, List<BackupMetadata.Part>> parts = new ConcurrentHashMap<>();
        WorkQueue queue = new WorkQueue();
        schemas.stream().flatMap(s -> s.tables().stream())
                .sorted(Comparator.comparingLong(TablePlan::dataLength).reversed())
                .forEach(table -> queue.add((connection, q) -> plan(connection, q, table, sink, parts)));
        queue.run(snapshot.workers(), "firedrill-mysql-dump");

        List<BackupMetadata.Schema> written = new ArrayList<>();
        List<Map<String, Object>> tableRows = new ArrayList<>();
        long totalRows = 0;
        for (SchemaCatalog.SchemaRead schema : schemas) {
            List<BackupMetadata.Table> tables = new ArrayList<>();
            for (TablePlan table : schema.tables()) {
                List<BackupMetadata.Part> data = parts.get(table.quoted());
                long rows = data.stream().mapToLong(BackupMetadata.Part::rows).sum();
                totalRows += rows;
                tables.add(new BackupMetadata.Table(table.name(), table.stream(), table.columns().stream()
                        .map(c -> new BackupMetadata.Column(c.name(), c.kind())).toList(),
                        table.key().stream().map(TablePlan.KeyColumn::name).toList(), data, rows));
                tableRows.add(Map.of("schema", schema.name(), "table", table.name(), "rows", rows));
            }
            written.add(new BackupMetadata.Schema(schema.name(), schema.stream(), tables, schema.objects()));
        }
        BackupMetadata metadata = new BackupMetadata(BackupMetadata.FORMAT, facts.flavorName(), facts.version(),
                facts.serverId(), facts.serverUuid(), snapshot.coordinates(), written, accounts,
                snapshot.replica());
        try (OutputStream out = sink.create(StreamNames.METADATA)) {
            metadata.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the backup metadata failed: " + e.getMessage(), e);
        }
        LOG.info("dumped {} schemas, {} tables, {} rows from {} in {} ms", schemas.size(), tableRows.size(),
                totalRows, facts.version(), (System.nanoTime() - start) / 1_000_000);
        return new PhysicalBackup.Result(summary(metadata, tableRows.size(), totalRows),
                details(metadata, tableRows), Map.of());
    }

    private void plan(Connection connection, WorkQueue queue, TablePlan table, StreamSink sink,
                      Map<String, List<BackupMetadata.Part>> parts) throws SQLException {
        List<KeyRange> ranges = RangePlanner.plan(connection, table, settings.rangeBytes());
        BackupMetadata.Part[] done = new BackupMetadata.Part[ranges.size()];
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(ranges.size());
        for (int i = ranges.size() - 1; i >= 0; i--) {
            int part = i;
            KeyRange range = ranges.get(i);
            queue.addFirst((c, q) -> {
                String stream = StreamNames.data(table.schema(), table.name(), part);
                long rows;
                try {
                    rows = TableDumper.dump(c, table, range, sink.create(stream));
                } catch (SQLException e) {
                    throw MysqlFailure.of("dumping " + table.schema() + "." + table.name(), e);
                }
                done[part] = new BackupMetadata.Part(stream, rows);
                if (left.decrementAndGet() == 0) {
                    parts.put(table.quoted(), List.of(done));
                }
            });
        }
    }

    private static Map<String, String> summary(BackupMetadata metadata, int tables, long rows) {
        Map<String, String> summary = new LinkedHashMap<>();
        BackupMetadata.Coordinates c = metadata.coordinates();
        summary.put("flavor", metadata.flavor());
        summary.put("version", metadata.version());
        if (c.binlogFile() != null) {
            summary.put("binlog", c.binlogFile() + ":" + c.binlogPosition());
        }
        String gtid = c.gtidExecuted() != null ? c.gtidExecuted() : c.gtidBinlogPos();
        if (gtid != null) {
            summary.put("gtid", gtid);
        }
        BackupMetadata.Replica replica = metadata.replica();
        if (replica != null) {
            summary.put("sourceBinlog", replica.sources().stream().map(r -> r.binlogFile() + ":" + r.binlogPosition())
                    .collect(java.util.stream.Collectors.joining(",")));
            summary.put("sourceGtid", replica.gtid());
            summary.put("replicaApplier", replica.sources().stream().map(BackupMetadata.Source::applier)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        summary.put("tables", Integer.toString(tables));
        summary.put("rows", Long.toString(rows));
        return summary;
    }

    private Map<String, Object> details(BackupMetadata metadata, List<Map<String, Object>> tableRows) {
        Map<String, Object> details = new LinkedHashMap<>();
        BackupMetadata.Coordinates c = metadata.coordinates();
        details.put("format", BackupMetadata.FORMAT);
        details.put("flavor", metadata.flavor());
        details.put("version", metadata.version());
        details.put("serverId", metadata.serverId());
        details.put("serverUuid", metadata.serverUuid());
        details.put("stream", logStream());
        details.put("binlogFile", c.binlogFile() == null ? "" : c.binlogFile());
        details.put("binlogPosition", c.binlogPosition() == null ? -1L : c.binlogPosition());
        details.put("gtidSet", c.gtidExecuted() != null ? c.gtidExecuted() : c.gtidBinlogPos());
        if (c.gtidBinlogState() != null) {
            details.put("gtidCurrentPos", c.gtidCurrentPos());
            details.put("gtidBinlogState", c.gtidBinlogState());
        }
        if (metadata.replica() != null) {
            details.put("replica", Map.of("gtid", metadata.replica().gtid(), "sources",
                    metadata.replica().sources().stream().map(LogicalDump::source).toList()));
        }
        details.put("schemas", metadata.schemas().stream().map(BackupMetadata.Schema::name).toList());
        details.put("tables", tableRows);
        return details;
    }

    private static Map<String, Object> source(BackupMetadata.Source source) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("channel", source.channel());
        map.put("serverId", source.serverId());
        map.put("serverUuid", source.serverUuid());
        map.put("binlogFile", source.binlogFile());
        map.put("binlogPosition", source.binlogPosition());
        map.put("applier", source.applier());
        return map;
    }

    private static void write(StreamSink sink, String stream, String text) {
        try (OutputStream out = sink.create(stream)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing stream " + stream + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        snapshot.close();
    }
}

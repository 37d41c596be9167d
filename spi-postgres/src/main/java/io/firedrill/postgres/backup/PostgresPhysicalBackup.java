package io.firedrill.postgres.backup;

import io.firedrill.api.spi.DataTree;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.postgres.PostgresFailure;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.WalSegment;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hot physical backup through PostgreSQL's non-exclusive low-level API: {@code pg_backup_start} (15+) or
 * {@code pg_start_backup} (14) on a connection held open for the whole backup, the files copied by Firedrill,
 * then {@code pg_backup_stop}, whose {@code backup_label} and {@code tablespace_map} are kept with the backup.
 * The backup finishes only when every WAL segment from its start to its stop position is in the archive.
 */
public final class PostgresPhysicalBackup implements PhysicalBackup {
    /** The catalog kind of these backups. */
    public static final String KIND = "postgres-physical";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPhysicalBackup.class);

    private final Connection connection;
    private final ClusterFacts facts;
    private final LogStore logs;
    private final Clock clock;
    private final Duration walWait;
    private final Lsn startLsn;
    private final long startTimeline;
    private final Instant startTime;
    private boolean finished;

    private PostgresPhysicalBackup(Connection connection, ClusterFacts facts, LogStore logs, Clock clock,
                                   Duration walWait, Lsn startLsn, long startTimeline, Instant startTime) {
        this.connection = connection;
        this.facts = facts;
        this.logs = logs;
        this.clock = clock;
        this.walWait = walWait;
        this.startLsn = startLsn;
        this.startTimeline = startTimeline;
        this.startTime = startTime;
    }

    /** Tells the server a backup starts (with a fast checkpoint) and returns the backup in progress. */
    public static PostgresPhysicalBackup start(Connection connection, LogStore logs, Clock clock, Duration walWait) {
        try {
            ClusterFacts facts = ClusterFacts.read(connection);
            Instant startTime = clock.instant();
            String label = "firedrill " + startTime;
            String sql = facts.majorVersion() >= 15 ? "select pg_backup_start(?, true)"
                    : "select pg_start_backup(?, true, false)";
            Lsn lsn;
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setString(1, label);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    lsn = Lsn.parse(rs.getString(1));
                }
            }
            long timeline = facts.inRecovery() ? replayTimeline(connection) : facts.timeline();
            LOG.info("backup of {} started at {} on timeline {}", facts.stream(), lsn, timeline);
            return new PostgresPhysicalBackup(connection, facts, logs, clock, walWait, lsn, timeline, startTime);
        } catch (SQLException e) {
            throw PostgresFailure.of("starting the backup", e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String logStream() {
        return facts.stream();
    }

    @Override
    public List<DataTree> trees() {
        List<DataTree> trees = new ArrayList<>();
        trees.add(new DataTree("", facts.dataDirectory(), new DataDirectoryExclusions(facts.dataDirectory())));
        facts.tablespaces().forEach((oid, location) -> trees.add(new DataTree("pg_tblspc/" + oid, location,
                new DataDirectoryExclusions(location))));
        return trees;
    }

    @Override
    public Result finish() {
        try {
            String sql = facts.majorVersion() >= 15 ? "select lsn, labelfile, spcmapfile from pg_backup_stop(false)"
                    : "select lsn, labelfile, spcmapfile from pg_stop_backup(false, false)";
            Lsn stopLsn;
            String label;
            String spcmap;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                stopLsn = Lsn.parse(rs.getString(1));
                label = rs.getString(2);
                spcmap = rs.getString(3);
            }
            finished = true;
            Instant stopTime = clock.instant();
            WalSegment first = WalSegment.containing(startTimeline, startLsn, facts.segmentSize());
            WalSegment last = WalSegment.containing(startTimeline, new Lsn(stopLsn.value() - 1 < 0 ? 0
                    : stopLsn.value() - 1), facts.segmentSize());
            new WalWait(connection, logs, facts, walWait).awaitArchived(first, last);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("startLsn", startLsn.toString());
            summary.put("stopLsn", stopLsn.toString());
            summary.put("timeline", Long.toString(startTimeline));
            summary.put("serverVersion", facts.serverVersion());
            summary.put("systemIdentifier", facts.systemIdentifier());
            summary.put("fromStandby", Boolean.toString(facts.inRecovery()));
            Map<String, Object> details = new LinkedHashMap<>(summary);
            details.put("stream", facts.stream());
            details.put("majorVersion", facts.majorVersion());
            details.put("walSegmentSize", facts.segmentSize());
            details.put("startSegment", first.fileName());
            details.put("stopSegment", last.fileName());
            details.put("startTime", startTime.toString());
            details.put("stopTime", stopTime.toString());
            details.put("dataChecksums", facts.dataChecksums());
            details.put("databases", facts.databases());
            details.put("tables", facts.tableEstimates());
            details.put("relations", facts.relations());
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("backup_label", label.getBytes(StandardCharsets.UTF_8));
            if (spcmap != null && !spcmap.isEmpty()) {
                // Tablespaces are restored as directories under pg_tblspc, so no map is written back.
                details.put("tablespaceMap", spcmap);
            }
            LOG.info("backup of {} stopped at {}; WAL {}..{} archived", facts.stream(), stopLsn, first, last);
            return new Result(summary, details, files);
        } catch (SQLException e) {
            throw PostgresFailure.of("stopping the backup", e);
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        String sql = facts.majorVersion() >= 15 ? "select pg_backup_stop(false)" : "select pg_stop_backup(false, false)";
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            LOG.warn("could not abort the backup on the server (closing the connection ends it): {}", e.getMessage());
        }
        finished = true;
    }

    private static long replayTimeline(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select timeline_id from pg_control_checkpoint()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}

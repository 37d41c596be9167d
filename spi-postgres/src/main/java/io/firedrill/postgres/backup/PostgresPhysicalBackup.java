package io.firedrill.postgres.backup;

import io.firedrill.api.spi.DataTree;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.postgres.PostgresFailure;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.WalSegment;
import java.nio.ByteOrder;
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
 *
 * <p>When the cluster has data checksums on, every relation page is checked as it is read ({@link PageVerifier});
 * corrupt pages do not fail the backup (it keeps the files as they are) but are recorded in its summary
 * ({@code corruptPages}) and details (their files and blocks) and logged as a warning.
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
    private final PageVerifier verifier;
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
        this.verifier = verifies(facts) ? new PageVerifier(facts.dataDirectory(), startLsn.value(),
                facts.segmentBlocks()) : null;
    }

    /** Whether pages can be checked: checksums on, and pages of the size and byte order {@link PageChecksums} reads. */
    private static boolean verifies(ClusterFacts facts) {
        if (!facts.dataChecksums()) {
            return false;
        }
        if (facts.blockSize() != PageChecksums.PAGE_SIZE) {
            LOG.warn("page checksums are not verified: the cluster's block size is {}, not {}", facts.blockSize(),
                    PageChecksums.PAGE_SIZE);
            return false;
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            // The files are on this host, so the cluster's byte order is this JVM's.
            LOG.warn("page checksums are not verified: pages of a big-endian host are not supported");
            return false;
        }
        return true;
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
        trees.add(new DataTree("", facts.dataDirectory(), new DataDirectoryExclusions(facts.dataDirectory()),
                verifier));
        facts.tablespaces().forEach((oid, location) -> {
            String name = "pg_tblspc/" + oid;
            trees.add(new DataTree(name, location, new DataDirectoryExclusions(location),
                    verifier == null ? null : verifier.tablespace(name, location)));
        });
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
            if (verifier != null) {
                summary.put("corruptPages", Long.toString(verifier.corruptPages()));
                if (verifier.corruptPages() > 0) {
                    summary.put("corruptPageList", pageList(verifier.listed(), verifier.corruptPages(), 10));
                }
            }
            Map<String, Object> details = new LinkedHashMap<>(summary);
            details.put("stream", facts.stream());
            details.put("majorVersion", facts.majorVersion());
            details.put("walSegmentSize", facts.segmentSize());
            details.put("startSegment", first.fileName());
            details.put("stopSegment", last.fileName());
            details.put("startTime", startTime.toString());
            details.put("stopTime", stopTime.toString());
            details.put("dataChecksums", facts.dataChecksums());
            details.put("pageChecksumsVerified", verifier != null);
            if (verifier != null) {
                details.put("pagesChecked", verifier.pagesChecked());
                details.put("pagesChangedDuringBackup", verifier.pagesSkipped());
                details.put("corruptPagesTotal", verifier.corruptPages());
                details.put("corruptPages", verifier.listed().stream().map(p -> {
                    Map<String, Object> page = new LinkedHashMap<>();
                    page.put("file", p.file());
                    page.put("block", p.block());
                    page.put("expectedChecksum", p.expected());
                    page.put("foundChecksum", p.found());
                    return page;
                }).toList());
                reportCorruption();
            }
            details.put("databases", facts.databases());
            details.put("tables", facts.tableEstimates());
            details.put("relations", facts.relations());
            details.put("database", connection.getCatalog());
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

    private void reportCorruption() {
        long count = verifier.corruptPages();
        if (count == 0) {
            LOG.info("page checksums of {}: {} pages verified, {} changed during the backup (left to WAL replay)",
                    facts.stream(), verifier.pagesChecked(), verifier.pagesSkipped());
            return;
        }
        String pages = pageList(verifier.listed(), count, 20);
        LOG.warn("{} page(s) of {} failed their checksum; the backup holds them as they are on disk: {}. Recover "
                + "these pages from an older backup and WAL, or check the affected relations (amcheck, pg_checksums)",
                count, facts.stream(), pages);
    }

    /**
     * The first {@code max} corrupt pages as {@code file block n}, comma-separated, then how many more there are:
     * {@code base/5/16384 block 1, base/5/16384 block 7 and 3 more}.
     */
    static String pageList(List<PageVerifier.CorruptPage> listed, long count, int max) {
        StringBuilder pages = new StringBuilder();
        int shown = Math.min(max, listed.size());
        for (int i = 0; i < shown; i++) {
            PageVerifier.CorruptPage p = listed.get(i);
            pages.append(i > 0 ? ", " : "").append(p.file()).append(" block ").append(p.block());
        }
        if (count > shown) {
            pages.append(" and ").append(count - shown).append(" more");
        }
        return pages.toString();
    }

    private static long replayTimeline(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select timeline_id from pg_control_checkpoint()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}

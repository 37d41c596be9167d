package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.LogicalRestore;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.replay.BinlogWindow;
import io.firedrill.mysql.replay.Coordinates;
import io.firedrill.mysql.replay.ReplayReport;
import io.firedrill.mysql.replay.StopPoint;
import io.firedrill.mysql.replay.TargetResolver;
import io.firedrill.mysql.stream.ArchivedBinlogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.io.file.PathUtils;

/**
 * The point-in-time part of a logical restore, done before anything is loaded: fetch the archived binary logs
 * from the snapshot's file onwards into a spool next to the new server's directory, check that they continue the
 * snapshot without a hole, and resolve the target to the exact position replay stops at. A target the archive
 * cannot reach fails here, naming the recoverable window, and nothing is restored.
 */
final class BinlogTargets {
    private static final Set<RecoveryTarget.Kind> SUPPORTED = EnumSet.of(RecoveryTarget.Kind.IMMEDIATE,
            RecoveryTarget.Kind.LATEST, RecoveryTarget.Kind.TIME, RecoveryTarget.Kind.BINLOG_POSITION,
            RecoveryTarget.Kind.GTID, RecoveryTarget.Kind.BEFORE_DROP);

    private BinlogTargets() {
    }

    /**
     * What a replay needs: the window of fetched files, where to stop, and the spool to delete afterwards.
     *
     * @param window the fetched files from the snapshot's coordinates
     * @param stop the first position not to apply
     * @param spool the local directory holding the files
     */
    record Plan(BinlogWindow window, StopPoint stop, Path spool) implements AutoCloseable {
        @Override
        public void close() {
            try {
                PathUtils.deleteDirectory(spool);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(BinlogTargets.class).warn("could not delete the binlog spool {}: {}",
                        spool, e.toString());
            }
        }
    }

    /** Refuses target kinds of other engines (PostgreSQL LSNs, XIDs, restore points). */
    static void checkKind(RecoveryTarget target) {
        if (!SUPPORTED.contains(target.kind())) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "recovery target " + target.kind()
                    + " does not apply to MySQL/MariaDB backups; nothing was restored", "use immediate(), latest(), "
                    + "time(...), binlogPosition(file, position), gtid(...) or beforeDropOf(\"schema.table\")");
        }
    }

    /** Fetches the binary logs and resolves the target. */
    static Plan plan(LogicalRestore restore, BackupMetadata metadata, RecoveryTarget target) {
        BackupMetadata.Coordinates c = metadata.coordinates();
        Object stream = restore.details().get("stream");
        if (c.binlogFile() == null || c.binlogPosition() == null || !(stream instanceof String s) || s.isEmpty()) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "the backup was taken from a server without "
                    + "binary logging, so it can only be restored as its snapshot; nothing was restored",
                    "use recover(RecoveryTarget.immediate()), and turn on log-bin for point-in-time recovery");
        }
        String gtids = c.gtidExecuted() != null ? c.gtidExecuted() : c.gtidBinlogPos() == null ? "" : c.gtidBinlogPos();
        Coordinates start = new Coordinates(c.binlogFile(), c.binlogPosition(), gtids);
        Path spool = spool(restore.directory());
        try {
            Optional<Instant> until = target.kind() == RecoveryTarget.Kind.TIME
                    ? Optional.of(Instant.parse(target.value())) : Optional.empty();
            List<Path> files = ArchivedBinlogs.fetch(restore.logs(), (String) stream, c.binlogFile(), until, spool);
            BinlogWindow window = BinlogWindow.scan(files, start);
            return new Plan(window, TargetResolver.resolve(window, target), spool);
        } catch (RuntimeException e) {
            new Plan(null, null, spool).close();
            throw e;
        }
    }

    /** Facts for the recovery report. */
    static Map<String, String> facts(ReplayReport report) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("transactionsReplayed", Integer.toString(report.transactionsApplied()));
        facts.put("stoppedAt", report.stop().toString());
        if (report.lastGtid() != null) {
            facts.put("lastGtid", report.lastGtid());
        }
        if (report.lastTime() != null) {
            facts.put("lastCommit", report.lastTime().toString());
        }
        facts.put("gtidState", report.serverGtidState() == null ? "" : report.serverGtidState());
        facts.put("replaySeconds", String.format(java.util.Locale.ROOT, "%.3f", report.elapsed().toMillis() / 1000.0));
        return facts;
    }

    private static Path spool(Path directory) {
        Path parent = directory.toAbsolutePath().normalize().getParent();
        try {
            return Files.createTempDirectory(parent, "." + directory.getFileName() + "-binlogs-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a binlog spool next to " + directory + ": " + e.getMessage(),
                    e);
        }
    }
}

package io.firedrill.postgres.recovery;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.TimelineHistory;
import io.firedrill.postgres.wal.WalContinuity;
import io.firedrill.postgres.wal.WalSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before anything is restored, whether a target can be reached from a backup with the archived WAL:
 * the timeline to follow (validated against the backup's position), the unbroken run of segments from the
 * backup's start, and the recoverable window. A target outside the window is refused with the window named.
 *
 * @param stream the log stream
 * @param timeline the timeline recovery follows
 * @param history that timeline's history
 * @param coverage what the archive covers from the backup's start along that history
 * @param stopLsn the backup's consistency point
 * @param stopTime when the backup finished
 * @param segmentSize the WAL segment size
 */
record RecoveryPlan(String stream, long timeline, TimelineHistory history, WalContinuity.Coverage coverage,
                    Lsn stopLsn, Instant stopTime, long segmentSize) {

    static RecoveryPlan of(RecoveryTarget target, Map<String, Object> details, LogStore logs) {
        String stream = (String) details.get("stream");
        long segmentSize = ((Number) details.get("walSegmentSize")).longValue();
        long backupTimeline = Long.parseLong((String) details.get("timeline"));
        Lsn startLsn = Lsn.parse((String) details.get("startLsn"));
        Lsn stopLsn = Lsn.parse((String) details.get("stopLsn"));
        Instant stopTime = Instant.parse((String) details.get("stopTime"));
        List<LogStore.LogFile> archived = logs.list(stream);
        long timeline = chooseTimeline(target, backupTimeline, archived);
        TimelineHistory history = timeline == backupTimeline && timeline == 1 ? TimelineHistory.root(1)
                : history(logs, stream, timeline);
        if (history.timelineAt(startLsn) != backupTimeline) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "timeline " + timeline + " of " + stream
                    + " did not descend from timeline " + backupTimeline + " at the backup's start " + startLsn
                    + ", so this backup cannot recover onto it",
                    "choose a backup taken on timeline " + timeline + " or one of its ancestors before it forked");
        }
        WalContinuity.Coverage coverage = WalContinuity.check(archived, startLsn, history, segmentSize);
        RecoveryPlan plan = new RecoveryPlan(stream, timeline, history, coverage, stopLsn, stopTime, segmentSize);
        plan.requireReachable(target);
        return plan;
    }

    /** The window as users read it. */
    String window() {
        return "from " + stopLsn + " (" + stopTime + ", the backup's end) to " + coverage.end() + " on timeline "
                + timeline + (coverage.hasHole() ? ", where segment " + coverage.missing().get().fileName()
                + " is missing from the archive" : ", the end of the archived WAL");
    }

    private void requireReachable(RecoveryTarget target) {
        if (coverage.end().compareTo(stopLsn) < 0) {
            WalSegment missing = coverage.missing().orElseGet(() -> history.segmentFor(coverage.end(), segmentSize));
            throw new FiredrillException(ErrorCode.LOG_GAP, "the backup cannot even be made consistent: WAL segment "
                    + missing.fileName() + " of " + stream + " is missing from the archive (needed up to "
                    + stopLsn + ")", "archive that segment if a copy exists, or restore an older backup");
        }
        switch (target.kind()) {
            case LATEST -> {
                if (coverage.hasHole()) {
                    throw outside(target, "segment " + coverage.missing().get().fileName()
                            + " is missing while later segments exist; recovering to 'latest' would silently stop "
                            + "there");
                }
            }
            case LSN -> {
                Lsn lsn = Lsn.parse(target.value());
                if (lsn.compareTo(stopLsn) < 0 || lsn.compareTo(coverage.end()) > 0) {
                    throw outside(target, "LSN " + lsn + " lies outside it");
                }
            }
            case TIME -> {
                Instant time = Instant.parse(target.value());
                if (time.isBefore(stopTime)) {
                    throw outside(target, "time " + time + " is before the backup finished");
                }
                if (time.isAfter(Instant.now())) {
                    throw outside(target, "time " + time + " is in the future");
                }
            }
            default -> { }
        }
    }

    private FiredrillException outside(RecoveryTarget target, String why) {
        return new FiredrillException(ErrorCode.INVALID_TARGET, "recovery target " + target.kind() + " "
                + target.value() + " is outside the recoverable window of this backup: " + why + "; the window runs "
                + window(), "choose a target inside the window, an older backup for earlier targets, or restore the "
                + "missing WAL");
    }

    private static long chooseTimeline(RecoveryTarget target, long backupTimeline, List<LogStore.LogFile> archived) {
        return switch (target.timeline()) {
            case "current" -> backupTimeline;
            case "latest" -> archived.stream().map(LogStore.LogFile::name).filter(n -> n.endsWith(".history"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 8), 16)).max().orElse(backupTimeline);
            default -> Long.parseLong(target.timeline());
        };
    }

    private static TimelineHistory history(LogStore logs, String stream, long timeline) {
        String name = TimelineHistory.fileName(timeline);
        Optional<LogStore.LogFile> file = logs.find(stream, name);
        if (file.isEmpty()) {
            if (timeline == 1) {
                return TimelineHistory.root(1);
            }
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "timeline " + timeline + " has no history file ("
                    + name + ") in the archive of " + stream, "choose an archived timeline, or 'current'");
        }
        try {
            Path temp = Files.createTempFile("firedrill-history", ".history");
            try {
                logs.fetch(stream, name, temp);
                return TimelineHistory.parse(timeline, Files.readString(temp, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

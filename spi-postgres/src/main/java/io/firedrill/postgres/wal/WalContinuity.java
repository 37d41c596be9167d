package io.firedrill.postgres.wal;

import io.firedrill.api.spi.LogStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that the archive holds every WAL segment from a starting position onward along a timeline's history,
 * and tells a hole (a segment missing while later ones exist: lost) from the end of the archive (segments not
 * archived yet: still arriving).
 */
public final class WalContinuity {
    private WalContinuity() {
    }

    /**
     * What the archive covers from {@code start}.
     *
     * @param lastSegment the last segment of the unbroken run from the start, or empty when even the first is
     *     missing
     * @param end the position just after that run: recovery can reach at most this far
     * @param missing the first missing segment when later segments exist (a hole), or empty
     * @param firstNeeded the first segment the run needed
     */
    public record Coverage(Optional<WalSegment> lastSegment, Lsn end, Optional<WalSegment> missing,
                           WalSegment firstNeeded) {
        /** Whether segments after the run are archived, so the run ends in a hole, not at the archive's end. */
        public boolean hasHole() {
            return missing.isPresent();
        }
    }

    /**
     * Walks segments from {@code start} along {@code history}.
     *
     * @param archived the stream's archived files
     * @param start the first position needed (a backup's start LSN)
     * @param history the history of the timeline recovery will follow
     * @param segmentSize the cluster's WAL segment size
     */
    public static Coverage check(List<LogStore.LogFile> archived, Lsn start, TimelineHistory history,
                                 long segmentSize) {
        Set<String> names = new HashSet<>();
        long highest = -1;
        for (LogStore.LogFile f : archived) {
            names.add(f.name());
            Optional<WalSegment> s = WalSegment.parse(f.name(), segmentSize);
            if (s.isPresent() && isOnHistory(s.get(), history)) {
                highest = Math.max(highest, s.get().number());
            }
        }
        WalSegment first = history.segmentFor(start, segmentSize);
        WalSegment last = null;
        long number = first.number();
        while (true) {
            WalSegment needed = history.segmentFor(new Lsn(number * segmentSize), segmentSize);
            if (!names.contains(needed.fileName())) {
                Optional<WalSegment> hole = number < highest ? Optional.of(needed) : Optional.empty();
                Lsn end = last == null ? start : last.end();
                return new Coverage(Optional.ofNullable(last), end, hole, first);
            }
            last = needed;
            number++;
        }
    }

    private static boolean isOnHistory(WalSegment segment, TimelineHistory history) {
        if (segment.timeline() == history.timeline()) {
            return true;
        }
        return history.forks().stream().anyMatch(f -> f.parent() == segment.timeline());
    }
}

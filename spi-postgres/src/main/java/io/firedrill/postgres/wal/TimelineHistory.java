package io.firedrill.postgres.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * A timeline's ancestry, from its {@code TTTTTTTT.history} file: each line names a parent timeline and the LSN
 * where the child forked from it. Timeline 1 has no history file.
 *
 * @param timeline the timeline described
 * @param forks the ancestors, oldest first, each with the position where its successor began
 */
public record TimelineHistory(long timeline, List<Fork> forks) {

    /**
     * One ancestor.
     *
     * @param parent the ancestor timeline
     * @param switchPoint the first position that belongs to the next timeline
     */
    public record Fork(long parent, Lsn switchPoint) {
    }

    /** Timeline 1, or any timeline without ancestors. */
    public static TimelineHistory root(long timeline) {
        return new TimelineHistory(timeline, List.of());
    }

    /** Parses a history file's text. */
    public static TimelineHistory parse(long timeline, String text) {
        List<Fork> forks = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length < 2) {
                throw new IllegalArgumentException("history line '" + trimmed + "' lacks a switch point");
            }
            forks.add(new Fork(Long.parseLong(fields[0]), Lsn.parse(fields[1])));
        }
        return new TimelineHistory(timeline, List.copyOf(forks));
    }

    /** The history file name of a timeline. */
    public static String fileName(long timeline) {
        return String.format("%08X.history", timeline);
    }

    /** The timeline that holds the WAL at {@code lsn} when following this timeline's history. */
    public long timelineAt(Lsn lsn) {
        for (Fork fork : forks) {
            if (lsn.compareTo(fork.switchPoint()) < 0) {
                return fork.parent();
            }
        }
        return timeline;
    }

    /**
     * The segment PostgreSQL reads for the position {@code lsn}: the segment holding a switch point is read from
     * the newer timeline.
     */
    public WalSegment segmentFor(Lsn lsn, long segmentSize) {
        WalSegment onParent = WalSegment.containing(timelineAt(lsn), lsn, segmentSize);
        long segmentEnd = onParent.end().value();
        for (Fork fork : forks) {
            long sp = fork.switchPoint().value();
            if (Long.compareUnsigned(sp, onParent.start().value()) > 0 && Long.compareUnsigned(sp, segmentEnd) < 0
                    && fork.parent() == onParent.timeline()) {
                return new WalSegment(nextAfter(fork.parent()), onParent.number(), segmentSize);
            }
        }
        return onParent;
    }

    private long nextAfter(long parent) {
        for (int i = 0; i < forks.size(); i++) {
            if (forks.get(i).parent() == parent) {
                return i + 1 < forks.size() ? forks.get(i + 1).parent() : timeline;
            }
        }
        return timeline;
    }
}

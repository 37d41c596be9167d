package io.firedrill.postgres.wal;

import java.util.Optional;

/**
 * A WAL segment file: a timeline and a segment number, named {@code TTTTTTTTXXXXXXXXYYYYYYYY} (timeline, then
 * the segment number split by how many segments fit in 4 GiB, all in upper-case hexadecimal).
 *
 * @param timeline the timeline
 * @param number the segment number (LSN divided by the segment size)
 * @param segmentSize the WAL segment size in bytes, a power of two (16 MiB by default)
 */
public record WalSegment(long timeline, long number, long segmentSize) implements Comparable<WalSegment> {

    /** Validates. */
    public WalSegment {
        if (timeline < 1 || timeline > 0xFFFFFFFFL || number < 0 || Long.bitCount(segmentSize) != 1
                || segmentSize < 1024 * 1024) {
            throw new IllegalArgumentException("invalid segment: timeline " + timeline + ", number " + number
                    + ", size " + segmentSize);
        }
    }

    /** The segment that holds a position. */
    public static WalSegment containing(long timeline, Lsn lsn, long segmentSize) {
        return new WalSegment(timeline, Long.divideUnsigned(lsn.value(), segmentSize), segmentSize);
    }

    /** Parses a segment file name; empty when it is not one (a history file, a partial file…). */
    public static Optional<WalSegment> parse(String name, long segmentSize) {
        if (name.length() != 24 || !name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        long timeline = Long.parseLong(name.substring(0, 8), 16);
        long high = Long.parseLong(name.substring(8, 16), 16);
        long low = Long.parseLong(name.substring(16, 24), 16);
        long perXlogId = 0x100000000L / segmentSize;
        if (timeline < 1 || low >= perXlogId) {
            return Optional.empty();
        }
        return Optional.of(new WalSegment(timeline, high * perXlogId + low, segmentSize));
    }

    /** The file name. */
    public String fileName() {
        long perXlogId = 0x100000000L / segmentSize;
        return String.format("%08X%08X%08X", timeline, number / perXlogId, number % perXlogId);
    }

    /** The next segment on the same timeline. */
    public WalSegment next() {
        return new WalSegment(timeline, number + 1, segmentSize);
    }

    /** The first position in this segment. */
    public Lsn start() {
        return new Lsn(number * segmentSize);
    }

    /** The position just after this segment. */
    public Lsn end() {
        return new Lsn((number + 1) * segmentSize);
    }

    @Override
    public int compareTo(WalSegment o) {
        int byTimeline = Long.compare(timeline, o.timeline);
        return byTimeline != 0 ? byTimeline : Long.compare(number, o.number);
    }

    @Override
    public String toString() {
        return fileName();
    }
}

package io.firedrill.mysql.stream;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns observations of binlog data existing on the server (the poller's view of the source, the receiver's view of
 * each event) into lag in seconds: how long ago data the archive still lacks was first known to exist. Positions are
 * {@link io.firedrill.mysql.binlog.BinlogNames#ordinal ordinals}. Holds at most {@link #MAX_SAMPLES}; when full it stops adding, keeping the
 * oldest, which is the one that matters.
 */
final class LagTracker {
    static final int MAX_SAMPLES = 4096;

    private record Sample(long ordinal, long nanos) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private boolean known;

    /** Data up to {@code ordinal} exists, as seen at {@code nanos} ({@link System#nanoTime()}). */
    synchronized void observed(long ordinal, long nanos) {
        known = true;
        Sample last = samples.peekLast();
        if ((last == null || ordinal > last.ordinal()) && samples.size() < MAX_SAMPLES) {
            samples.addLast(new Sample(ordinal, nanos));
        }
    }

    /** Seconds since the oldest data past {@code archived} was first seen; 0 when caught up, -1 while unknown. */
    synchronized double lagSeconds(long archived, long nowNanos) {
        if (!known || archived < 0) {
            return -1;
        }
        while (!samples.isEmpty() && samples.peekFirst().ordinal() <= archived) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        return oldest == null ? 0 : Math.max(0, (nowNanos - oldest.nanos()) / 1e9);
    }
}

package io.firedrill.postgres.stream;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns samples of the server's durable WAL position into lag figures: bytes between the server's position and
 * the archive's, and seconds since the server was first seen past the archive's position. Holds at most
 * {@link #MAX_SAMPLES} samples; when full it stops adding, which keeps the oldest (the one that matters).
 */
final class LagTracker {
    static final int MAX_SAMPLES = 4096;

    private record Sample(long position, long nanos) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private long serverPosition = -1;

    /** Records the server's position observed at {@code nanos} ({@link System#nanoTime()}). */
    synchronized void observed(long position, long nanos) {
        serverPosition = position;
        Sample last = samples.peekLast();
        if ((last == null || Long.compareUnsigned(position, last.position()) > 0) && samples.size() < MAX_SAMPLES) {
            samples.addLast(new Sample(position, nanos));
        }
    }

    /** Bytes the archive lags behind, or -1 while the server's position is unknown. */
    synchronized long lagBytes(long archived) {
        if (serverPosition < 0 || archived < 0) {
            return -1;
        }
        return Math.max(0, serverPosition - archived);
    }

    /** Seconds since the server first had a byte the archive still lacks, or -1 while unknown. */
    synchronized double lagSeconds(long archived, long nowNanos) {
        if (serverPosition < 0 || archived < 0) {
            return -1;
        }
        while (!samples.isEmpty() && Long.compareUnsigned(samples.peekFirst().position(), archived) <= 0) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        return oldest == null ? 0 : (nowNanos - oldest.nanos()) / 1e9;
    }
}

package io.firedrill.core.lock;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between attempts to take a lock: doubling from {@code initial} up to {@code max}, each drawn at
 * random from the upper half of its range, so that two processes that keep colliding drift apart.
 */
final class Backoff {
    /** 100 ms, 200 ms, 400 ms … up to 2 s, each jittered. */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final long initialNanos;
    private final long maxNanos;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The pause after failed attempt number {@code attempt}, counting from 0. */
    Duration delay(int attempt) {
        long ceiling = initialNanos;
        for (int i = 0; i < attempt && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}

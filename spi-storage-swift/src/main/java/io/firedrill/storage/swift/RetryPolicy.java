package io.firedrill.storage.swift;

import io.firedrill.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is retried after a connection failure, a timeout, or an answer worth
 * repeating (500, 502, 503, 504, 408, 429, 498, and 422 when an upload arrived damaged). Delays grow exponentially
 * from {@code baseDelay}, are capped at {@code maxDelay}, and are drawn at random between half and all of that
 * (jitter), so clients that failed together do not retry together.
 *
 * @param maxAttempts tries in all, first one included; 1 means no retry; 1 to 100
 * @param baseDelay the delay before the second try (before jitter); positive
 * @param maxDelay the largest delay (before jitter); at least {@code baseDelay}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** 5 attempts, from 200 ms up to 10 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    /** Validates the settings. */
    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new InvalidConfigurationException("retry maxAttempts must be 1..100, was " + maxAttempts,
                    "use 1 for no retry, 5 by default");
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new InvalidConfigurationException("retry delays must satisfy 0 < baseDelay <= maxDelay, were "
                    + baseDelay + " and " + maxDelay, "for example 200 ms and 10 s");
        }
    }

    /** No retry at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    /** The delay to wait after failed attempt number {@code attempt} (from 1), jitter included. */
    Duration delayAfter(int attempt) {
        long cap = maxDelay.toMillis();
        long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        long full = Math.min(cap, exponential);
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }
}

package io.firedrill.postgres.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How WAL streaming behaves.
 *
 * @param slotName the physical replication slot, or {@code null} for {@code firedrill_<system identifier>}
 * @param partialInterval how often the segment being written is persisted as {@code <segment>.partial}: the most
 *     WAL a lost archiver can lose
 * @param statusInterval how often the server's position is polled for the lag figures, and the replication
 *     feedback interval
 * @param minBackoff the first wait before reconnecting after a failure
 * @param maxBackoff the longest wait between reconnection attempts
 */
public record StreamSettings(String slotName, Duration partialInterval, Duration statusInterval, Duration minBackoff,
                             Duration maxBackoff) {

    /** Validates. */
    public StreamSettings {
        Objects.requireNonNull(partialInterval, "partialInterval");
        Objects.requireNonNull(statusInterval, "statusInterval");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (slotName != null && !slotName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("replication slot name '" + slotName
                    + "' is not valid: use 1 to 63 lower-case letters, digits and '_'");
        }
        if (partialInterval.isNegative() || partialInterval.isZero() || statusInterval.isNegative()
                || statusInterval.isZero() || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("stream intervals must be positive and maxBackoff >= minBackoff");
        }
    }

    /** Slot {@code firedrill_<system identifier>}, partial files every second, status every second, backoff 0.5–30 s. */
    public static StreamSettings defaults() {
        return new StreamSettings(null, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(30));
    }

    /**
     * The defaults overridden by system properties {@code firedrill.postgres.slot},
     * {@code firedrill.postgres.partialInterval}, {@code firedrill.postgres.statusInterval},
     * {@code firedrill.postgres.reconnectBackoff} and {@code firedrill.postgres.reconnectBackoffMax} (durations in
     * ISO-8601, such as {@code PT2S}).
     */
    public static StreamSettings fromSystemProperties() {
        StreamSettings d = defaults();
        return new StreamSettings(System.getProperty("firedrill.postgres.slot", d.slotName()),
                duration("firedrill.postgres.partialInterval", d.partialInterval()),
                duration("firedrill.postgres.statusInterval", d.statusInterval()),
                duration("firedrill.postgres.reconnectBackoff", d.minBackoff()),
                duration("firedrill.postgres.reconnectBackoffMax", d.maxBackoff()));
    }

    /** The slot name for a cluster. */
    String slotFor(String systemIdentifier) {
        return slotName != null ? slotName : "firedrill_" + systemIdentifier;
    }

    private static Duration duration(String property, Duration fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : Duration.parse(value);
    }
}

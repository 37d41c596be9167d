package io.firedrill.mysql.stream;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.mysql.settings.MysqlOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How binlog streaming behaves.
 *
 * @param serverId the replica server id the streamer registers with: non-zero, unique among the source's replicas;
 *     0 picks a random one in [{@value #RANDOM_ID_MIN}, 2^32 − 1) per streamer
 * @param heartbeat how often an idle source sends a heartbeat; nothing heard for three periods means a dead
 *     connection, and the streamer reconnects
 * @param partialInterval how often the file being written is persisted as {@code <file>.partial}: the most a lost
 *     host can lose
 * @param statusInterval how often the source's binlog positions are polled for the lag figures
 * @param minBackoff the first wait before reconnecting after a failure
 * @param maxBackoff the longest wait between reconnection attempts
 * @param spoolDirectory where the file being received is kept on local disk, or {@code null} for the system's
 *     temporary directory
 * @param stream the log stream to archive into, or {@code null} to derive it from the server's identity
 *     ({@code mysql-<server_uuid>}, {@code mariadb-<server_id>-<hash>})
 */
public record BinlogStreamSettings(long serverId, Duration heartbeat, Duration partialInterval,
        Duration statusInterval, Duration minBackoff, Duration maxBackoff, Path spoolDirectory, String stream) {
    /** The lower bound of random replica server ids, far above the small ids people give their servers. */
    public static final long RANDOM_ID_MIN = 0x7000_0000L;
    private static final long MAX_ID = 0xFFFF_FFFFL;

    /** Validates. */
    public BinlogStreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(partialInterval, "partialInterval");
        Objects.requireNonNull(statusInterval, "statusInterval");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (serverId < 0 || serverId > MAX_ID) {
            throw new InvalidConfigurationException("replica server id " + serverId + " is out of range",
                    "use 1 to 4294967295, unique among the source's replicas, or 0 for a random one");
        }
        if (heartbeat.toMillis() < 1 || partialInterval.toMillis() < 1 || statusInterval.toMillis() < 1
                || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new InvalidConfigurationException("binlog streaming intervals must be at least 1 ms and "
                    + "maxBackoff >= minBackoff (heartbeat " + heartbeat + ", partialInterval " + partialInterval
                    + ", statusInterval " + statusInterval + ", backoff " + minBackoff + "–" + maxBackoff + ")", null);
        }
        if (stream != null && !stream.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new InvalidConfigurationException("log stream '" + stream + "' is not a valid stream name",
                    "use lower-case letters, digits, '.', '_' and '-'");
        }
    }

    /** Random server id, heartbeat 5 s, partial file every 500 ms, status every second, backoff 0.5–30 s. */
    public static BinlogStreamSettings defaults() {
        return new BinlogStreamSettings(0, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(30), null, null);
    }

    /**
     * The defaults overridden by system properties {@code firedrill.mysql.serverId},
     * {@code firedrill.mysql.heartbeat}, {@code firedrill.mysql.partialInterval},
     * {@code firedrill.mysql.statusInterval}, {@code firedrill.mysql.reconnectBackoff},
     * {@code firedrill.mysql.reconnectBackoffMax} (durations in ISO-8601, such as {@code PT2S}),
     * {@code firedrill.mysql.spool} and {@code firedrill.mysql.stream}.
     */
    public static BinlogStreamSettings fromSystemProperties() {
        return from(MysqlOptions.systemProperties(MysqlOptions.Operation.STREAMING));
    }

    /**
     * The defaults overridden by system properties, overridden by the archiver's engine options of the same names
     * without the {@code firedrill.mysql.} prefix ({@code serverId}, {@code heartbeat}, …).
     */
    public static BinlogStreamSettings from(MysqlOptions options) {
        BinlogStreamSettings d = defaults();
        String spool = options.text("spool");
        return new BinlogStreamSettings(options.number("serverId", 0),
                options.duration("heartbeat", d.heartbeat()),
                options.duration("partialInterval", d.partialInterval()),
                options.duration("statusInterval", d.statusInterval()),
                options.duration("reconnectBackoff", d.minBackoff()),
                options.duration("reconnectBackoffMax", d.maxBackoff()),
                spool == null || spool.isBlank() ? null : Path.of(spool), options.text("stream"));
    }

    /** These settings with another replica server id. */
    public BinlogStreamSettings withServerId(long id) {
        return new BinlogStreamSettings(id, heartbeat, partialInterval, statusInterval, minBackoff, maxBackoff,
                spoolDirectory, stream);
    }

    /** These settings with other timings. */
    public BinlogStreamSettings withTimings(Duration newHeartbeat, Duration newPartialInterval, Duration newStatus,
            Duration newMinBackoff, Duration newMaxBackoff) {
        return new BinlogStreamSettings(serverId, newHeartbeat, newPartialInterval, newStatus, newMinBackoff,
                newMaxBackoff, spoolDirectory, stream);
    }

    /** The server id to register: {@link #serverId()}, or a random one when it is 0. */
    long effectiveServerId() {
        return serverId != 0 ? serverId : ThreadLocalRandom.current().nextLong(RANDOM_ID_MIN, MAX_ID);
    }
}

package io.firedrill.mysql.logical.dump;

import io.firedrill.api.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How a logical backup runs, read from system properties (the engine SPI carries only the connection):
 * <ul>
 *   <li>{@code firedrill.mysql.threads}: parallel workers, each with its own connection and snapshot (default 4);</li>
 *   <li>{@code firedrill.mysql.includeSchemas}: comma-separated schemas to dump (default every schema);</li>
 *   <li>{@code firedrill.mysql.excludeSchemas}: comma-separated schemas to skip, added to {@code mysql}, {@code sys},
 *       {@code information_schema} and {@code performance_schema}, which are never dumped;</li>
 *   <li>{@code firedrill.mysql.accounts}: {@code true} to dump accounts and grants (default false);</li>
 *   <li>{@code firedrill.mysql.rangeBytes}: tables larger than this (by the server's estimate) are dumped as several
 *       key ranges of about this size (default 64 MiB);</li>
 *   <li>{@code firedrill.mysql.lockWaitSeconds}: how long the backup waits for the global read lock it holds for a
 *       moment at the start (default 30), and for the SQL thread of a replica to stop;</li>
 *   <li>{@code firedrill.mysql.replicaPause}: {@code true} (the default) to stop the SQL thread of a replica while its
 *       snapshot is opened, leaving its IO thread running, and start it again right after; {@code false} to leave
 *       replication alone.</li>
 * </ul>
 *
 * @param threads parallel workers, 1 to 64
 * @param include schemas to dump, empty for all
 * @param exclude schemas to skip
 * @param accounts whether to dump accounts and grants
 * @param rangeBytes target size of one key range
 * @param lockWaitSeconds lock wait for the global read lock
 * @param replicaPause whether the SQL thread of a replica is stopped while the snapshot is opened
 */
public record DumpSettings(int threads, Set<String> include, Set<String> exclude, boolean accounts, long rangeBytes,
                           int lockWaitSeconds, boolean replicaPause) {
    /** Schemas that are never dumped. */
    public static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "information_schema",
            "performance_schema");

    /** Validates and copies. */
    public DumpSettings {
        if (threads < 1 || threads > 64) {
            throw new InvalidConfigurationException("firedrill.mysql.threads must be 1 to 64, was " + threads, null);
        }
        if (rangeBytes < 1 << 20) {
            throw new InvalidConfigurationException("firedrill.mysql.rangeBytes must be at least 1 MiB, was "
                    + rangeBytes, null);
        }
        if (lockWaitSeconds < 1) {
            throw new InvalidConfigurationException("firedrill.mysql.lockWaitSeconds must be positive, was "
                    + lockWaitSeconds, null);
        }
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    /** The defaults, overridden by system properties. */
    public static DumpSettings fromSystemProperties() {
        return new DumpSettings(integer("firedrill.mysql.threads", 4), names("firedrill.mysql.includeSchemas"),
                names("firedrill.mysql.excludeSchemas"), Boolean.getBoolean("firedrill.mysql.accounts"),
                Long.parseLong(System.getProperty("firedrill.mysql.rangeBytes", Long.toString(64L << 20))),
                integer("firedrill.mysql.lockWaitSeconds", 30), bool("firedrill.mysql.replicaPause", true));
    }

    /** Whether {@code schema} is dumped. */
    public boolean dumps(String schema) {
        return !SYSTEM_SCHEMAS.contains(schema.toLowerCase(java.util.Locale.ROOT)) && !exclude.contains(schema)
                && (include.isEmpty() || include.contains(schema));
    }

    private static int integer(String property, int fallback) {
        String value = System.getProperty(property);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(property + " must be a number, was '" + value + "'", null);
        }
    }

    private static boolean bool(String property, boolean fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(property + " must be true or false, was '" + value
                    + "'", null);
        };
    }

    private static Set<String> names(String property) {
        String value = System.getProperty(property, "");
        List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return Set.copyOf(names);
    }
}

package io.firedrill.mysql.logical.dump;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.mysql.settings.MysqlOptions;
import java.util.Set;

/**
 * How a logical backup runs: each setting is the backup's engine option of that name
 * ({@code firedrill.backup().option("threads", "8")}), else the system property {@code firedrill.mysql.<name>} (a
 * default for the whole JVM), else the default below ({@link MysqlOptions}):
 * <ul>
 *   <li>{@code threads}: parallel workers, each with its own connection and snapshot (default 4);</li>
 *   <li>{@code includeSchemas}: comma-separated schemas to dump (default every schema);</li>
 *   <li>{@code excludeSchemas}: comma-separated schemas to skip, added to {@code mysql}, {@code sys},
 *       {@code information_schema} and {@code performance_schema}, which are never dumped;</li>
 *   <li>{@code accounts}: {@code true} to dump accounts and grants (default false);</li>
 *   <li>{@code rangeBytes}: tables larger than this (by the server's estimate) are dumped as several
 *       key ranges of about this size (default 64 MiB);</li>
 *   <li>{@code lockWaitSeconds}: how long the backup waits for the global read lock it holds for a
 *       moment at the start (default 30), and for the SQL thread of a replica to stop;</li>
 *   <li>{@code replicaPause}: {@code true} (the default) to stop the SQL thread of a replica while its
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
            throw new InvalidConfigurationException("threads (engine option, or firedrill.mysql.threads) must be 1 to "
                    + "64, was " + threads, null);
        }
        if (rangeBytes < 1 << 20) {
            throw new InvalidConfigurationException("rangeBytes (engine option, or firedrill.mysql.rangeBytes) must be "
                    + "at least 1 MiB, was " + rangeBytes, null);
        }
        if (lockWaitSeconds < 1) {
            throw new InvalidConfigurationException("lockWaitSeconds (engine option, or "
                    + "firedrill.mysql.lockWaitSeconds) must be positive, was " + lockWaitSeconds, null);
        }
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    /** The defaults, overridden by system properties. */
    public static DumpSettings fromSystemProperties() {
        return from(MysqlOptions.systemProperties(MysqlOptions.Operation.BACKUP));
    }

    /** The defaults, overridden by system properties, overridden by the backup's engine options. */
    public static DumpSettings from(MysqlOptions options) {
        return new DumpSettings(options.integer("threads", 4), options.names("includeSchemas"),
                options.names("excludeSchemas"), options.bool("accounts", false),
                options.number("rangeBytes", 64L << 20), options.integer("lockWaitSeconds", 30),
                options.bool("replicaPause", true));
    }

    /** Whether {@code schema} is dumped. */
    public boolean dumps(String schema) {
        return !SYSTEM_SCHEMAS.contains(schema.toLowerCase(java.util.Locale.ROOT)) && !exclude.contains(schema)
                && (include.isEmpty() || include.contains(schema));
    }
}

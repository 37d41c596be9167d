package io.firedrill.mysql.replay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a replay runs.
 *
 * @param parallelWorkers the applier's worker threads, 0 for the single-threaded applier; commit order is always
 *     preserved (MySQL {@code replica_preserve_commit_order}, MariaDB's in-order parallel replication). Default: 4
 * @param timeout how long the applier may take before the replay is abandoned. Default: 24 hours
 * @param pollInterval how often the applier's status is read. Default: 100 ms
 * @param relaxedDurability whether the server flushes its redo log and binlog about once a second instead of at every
 *     commit while it replays ({@code innodb_flush_log_at_trx_commit=2}, {@code sync_binlog=0}; put back afterwards).
 *     A crash during the replay then loses the last second of applied transactions, which does not matter: an
 *     interrupted recovery is redone from the backup. Default: true
 */
public record ReplayOptions(int parallelWorkers, Duration timeout, Duration pollInterval, boolean relaxedDurability) {
    /** Validates. */
    public ReplayOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (parallelWorkers < 0 || parallelWorkers > 1024) {
            throw new IllegalArgumentException("parallelWorkers must be between 0 and 1024, got " + parallelWorkers);
        }
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("timeout and pollInterval must be positive, got " + timeout + " and "
                    + pollInterval);
        }
    }

    /** Four workers, a 24-hour timeout, status read every 100 ms, relaxed durability. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(4, Duration.ofHours(24), Duration.ofMillis(100), true);
    }

    /** The same options with {@code workers} parallel workers (0 = single-threaded). */
    public ReplayOptions withParallelWorkers(int workers) {
        return new ReplayOptions(workers, timeout, pollInterval, relaxedDurability);
    }

    /** The same options with durability relaxed during the replay, or not. */
    public ReplayOptions withRelaxedDurability(boolean relaxed) {
        return new ReplayOptions(parallelWorkers, timeout, pollInterval, relaxed);
    }
}

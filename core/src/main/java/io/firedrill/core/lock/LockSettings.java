package io.firedrill.core.lock;

import io.firedrill.api.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Who takes a repository lock and how patiently.
 *
 * <p>Every process that locks the same repository must use the same {@code expiry}, and the clocks of their
 * hosts must agree to well within {@code expiry / 2}: a lock is judged by its heartbeat time, as written by
 * its holder's clock and read against the reader's clock.
 *
 * @param host the name of this host; must differ between hosts (and between containers that do not share
 *        process ids), because a lock of the same host whose process is gone is reclaimed at once
 * @param pid this process's id
 * @param owner a label for messages, such as {@code "backup of db1 by app-7"}
 * @param expiry a lock whose heartbeat is older than this is stale and may be deleted by anyone; the holder
 *        refreshes it every {@code expiry / 4}
 * @param lockWait how long {@link RepositoryLocks#acquire} keeps trying before giving up; zero tries once
 *        (named so because a record component cannot be called {@code wait})
 * @param settle how long to wait between writing a lock file and listing the others; a storage without
 *        {@link io.firedrill.api.spi.StorageFeature#CONSISTENT_LIST} needs long enough for a new object to
 *        show up in listings (a few seconds); must be shorter than {@code expiry / 4}
 * @param clock the clock for the times written into lock files and for judging staleness
 */
public record LockSettings(String host, long pid, String owner, Duration expiry, Duration lockWait, Duration settle,
                           Clock clock) {

    /** Validates the settings. */
    public LockSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(clock, "clock");
        if (host.isBlank()) {
            throw new InvalidConfigurationException("lock host must not be blank",
                    "pass the host name, which other processes use to tell whether a lock holder still runs");
        }
        if (pid <= 0) {
            throw new InvalidConfigurationException("lock pid must be > 0, was " + pid,
                    "pass ProcessHandle.current().pid()");
        }
        if (expiry.toMillis() < 4) {
            throw new InvalidConfigurationException("lock expiry must be at least 4 ms, was " + expiry,
                    "use minutes in production (for example 5 minutes), so that a slow storage or a long "
                            + "garbage-collection pause does not make a live lock look stale");
        }
        if (lockWait.isNegative()) {
            throw new InvalidConfigurationException("lockWait must not be negative, was " + lockWait,
                    "use Duration.ZERO to try only once");
        }
        if (settle.isNegative() || settle.compareTo(expiry.dividedBy(4)) >= 0) {
            throw new InvalidConfigurationException("lock settle must be >= 0 and shorter than expiry / 4 ("
                    + expiry.dividedBy(4) + "), was " + settle,
                    "shorten settle or lengthen expiry; otherwise a lock could go stale before it is taken");
        }
    }

    /**
     * Settings for this process: its host name and pid, and the system clock.
     *
     * @param owner a label for messages
     * @param expiry see {@link #expiry()}
     * @param lockWait see {@link #lockWait()}
     * @param settle see {@link #settle()}
     */
    public static LockSettings forThisProcess(String owner, Duration expiry, Duration lockWait, Duration settle) {
        return new LockSettings(localHostName(), ProcessHandle.current().pid(), owner, expiry, lockWait, settle,
                Clock.systemUTC());
    }

    /** How often the holder refreshes its lock file: a quarter of {@link #expiry()}. */
    public Duration heartbeatInterval() {
        return expiry.dividedBy(4);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment;
            }
            throw new InvalidConfigurationException("cannot determine the host name for repository locks: "
                    + e.getMessage(), "pass the host name explicitly to new LockSettings(...)");
        }
    }
}

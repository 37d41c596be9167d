package io.firedrill.core.lock;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held repository lock, from {@link RepositoryLocks#acquire}. A daemon thread rewrites the lock file with a
 * new heartbeat time every {@link LockSettings#heartbeatInterval()}, so that other processes do not judge it
 * stale.
 *
 * <p>A lock can be lost: when its heartbeat could not be written for longer than half the expiry, or when its
 * file disappeared because another process judged it stale. A lost lock stays lost and is never rewritten
 * (that could resurrect a lock someone else has already replaced). Call {@link #checkValid()} before
 * committing work that the lock protects. {@link #close()} releases the lock.
 */
public final class RepositoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);

    private final Storage storage;
    private final String name;
    private final LockFile content;
    private final LockSettings settings;
    private final ScheduledExecutorService heartbeat;
    private final Object monitor = new Object();
    private Instant lastHeartbeat;
    private String lostBecause;
    private boolean closed;

    RepositoryLock(Storage storage, String name, LockFile content, LockSettings settings, long writtenAtNanos) {
        this.storage = storage;
        this.name = name;
        this.content = content;
        this.settings = settings;
        this.lastHeartbeat = content.heartbeat();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "firedrill-lock-heartbeat " + name);
            thread.setDaemon(true);
            return thread;
        });
        long sinceWritten = System.nanoTime() - writtenAtNanos;
        long firstBeat = Math.max(0, settings.heartbeatInterval().toNanos() - sinceWritten);
        heartbeat.schedule(this::beat, firstBeat, TimeUnit.NANOSECONDS);
    }

    /** The lock file's name in the storage. */
    public String name() {
        return name;
    }

    /** The mode this lock was taken in. */
    public LockMode mode() {
        return content.mode();
    }

    /** When this lock was taken, by the settings' clock. */
    public Instant created() {
        return content.created();
    }

    /**
     * Confirms that the lock is still held: its last heartbeat is younger than half the expiry and its file
     * still exists. Call it right before committing work the lock protects.
     *
     * @throws FiredrillException with {@link ErrorCode#REPOSITORY_LOCKED} when the lock was lost or released
     */
    public void checkValid() {
        synchronized (monitor) {
            if (closed) {
                throw invalid("it was released");
            }
            if (lostBecause == null) {
                loseIfHeartbeatOverdue(settings.clock().instant());
            }
            if (lostBecause != null) {
                throw invalid(lostBecause);
            }
        }
        if (storage.head(name).isEmpty()) {
            synchronized (monitor) {
                if (closed) {
                    throw invalid("it was released");
                }
                lose("its lock file disappeared; another process judged it stale and may have taken a conflicting "
                        + "lock");
                throw invalid(lostBecause);
            }
        }
    }

    /** Stops the heartbeat and deletes the lock file. Closing again does nothing. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.shutdownNow();
        try {
            storage.delete(name);
            LOG.debug("released {} lock {} on {}", content.mode(), name, storage.describe());
        } catch (RuntimeException e) {
            LOG.warn("could not delete lock file {} from {} while releasing it; other processes will treat it as "
                    + "stale once its heartbeat is older than {}", name, storage.describe(), settings.expiry(), e);
        }
    }

    /** One heartbeat: rewrites the lock file with a new time, then schedules the next one. */
    private void beat() {
        synchronized (monitor) {
            if (closed || lostBecause != null) {
                return;
            }
            Duration interval = settings.heartbeatInterval();
            Duration next = interval;
            Instant now = settings.clock().instant();
            if (loseIfHeartbeatOverdue(now)) {
                return;
            }
            try {
                if (storage.head(name).isEmpty()) {
                    lose("its lock file disappeared; another process judged it stale and may have taken a "
                            + "conflicting lock");
                    return;
                }
                storage.put(name, Payload.of(content.withHeartbeat(now).encode()));
                lastHeartbeat = now;
            } catch (RuntimeException e) {
                next = interval.dividedBy(4);
                LOG.warn("could not refresh lock file {} on {} (last heartbeat {}); trying again in {}", name,
                        storage.describe(), lastHeartbeat, next, e);
            }
            heartbeat.schedule(this::beat, next.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Marks the lock lost when its last heartbeat is older than half the expiry; tells whether it did. */
    private boolean loseIfHeartbeatOverdue(Instant now) {
        Duration age = Duration.between(lastHeartbeat, now);
        if (age.compareTo(settings.expiry().dividedBy(2)) > 0) {
            lose("its last heartbeat was written " + age + " ago, more than half the expiry " + settings.expiry()
                    + ", so other processes may soon judge it stale");
            return true;
        }
        return false;
    }

    private void lose(String reason) {
        if (lostBecause == null) {
            lostBecause = reason;
            LOG.warn("lost {} lock {} on {} of owner '{}': {}", content.mode(), name, storage.describe(),
                    settings.owner(), reason);
        }
    }

    private FiredrillException invalid(String reason) {
        return new FiredrillException(ErrorCode.REPOSITORY_LOCKED, "the " + content.mode() + " lock " + name
                + " on " + storage.describe() + " of owner '" + settings.owner() + "' is no longer held: " + reason,
                "do not commit the work this lock protected; run the operation again, and if this repeats, raise "
                        + "the lock expiry or look for a slow storage or long pauses in this process");
    }
}

package io.firedrill.core.lock;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RepositoryLockedException;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes repository locks over any {@link Storage}, without relying on create-if-absent or compare-and-swap.
 *
 * <p>The protocol, repeated until a lock is taken or {@link LockSettings#lockWait()} has passed:
 * <ol>
 *   <li>write an own lock file under a fresh random name ({@code locks/<epochMillis>-<16 hex>});</li>
 *   <li>wait {@link LockSettings#settle()}, so that lock files written by others before ours show up in
 *       listings;</li>
 *   <li>list {@code locks/} and read every other lock file; delete those that are stale (see
 *       {@link LockSurvey} and {@link LockLiveness});</li>
 *   <li>if a live lock conflicts with ours (either is {@link LockMode#EXCLUSIVE}), delete our own file and
 *       try again after a growing, jittered pause; otherwise the lock is held.</li>
 * </ol>
 * Of two conflicting contenders, the one whose listing comes later always sees the other's file, because
 * each writes before it lists; so at most one proceeds. Both may back off; the jitter lets one of them win
 * on a later attempt.
 */
public final class RepositoryLocks {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLocks.class);
    private static final Duration SHORT_SETTLE = Duration.ofSeconds(1);

    private RepositoryLocks() {
    }

    /**
     * Takes a lock, waiting up to {@link LockSettings#lockWait()} for conflicting locks to go away.
     *
     * @param storage the repository's storage
     * @param mode {@link LockMode#SHARED} for backups, {@link LockMode#EXCLUSIVE} for prune
     * @param settings who locks, and the timings
     * @return the held lock; close it to release it
     * @throws RepositoryLockedException when a conflicting lock was still held after the wait
     * @throws io.firedrill.api.StorageException when the storage fails
     * @throws FiredrillException with {@link ErrorCode#CANCELLED} when the thread is interrupted while waiting
     */
    public static RepositoryLock acquire(Storage storage, LockMode mode, LockSettings settings) {
        return acquire(storage, mode, settings, Backoff.DEFAULT, new LockLiveness(settings));
    }

    static RepositoryLock acquire(Storage storage, LockMode mode, LockSettings settings, Backoff backoff,
                                  LockLiveness liveness) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(settings, "settings");
        warnIfSettleTooShort(storage, settings);
        LockSurvey survey = new LockSurvey(storage, settings, liveness);
        long start = System.nanoTime();
        long waitNanos = saturatedNanos(settings.lockWait());
        for (int attempt = 0; ; attempt++) {
            Instant created = settings.clock().instant();
            String name = LockNames.newName(created);
            LockFile content = new LockFile(mode, settings.host(), settings.pid(), settings.owner(), created, created);
            long writtenAt = System.nanoTime();
            Optional<String> conflict;
            try {
                storage.put(name, Payload.of(content.encode()));
                sleep(settings.settle(), storage, mode);
                conflict = survey.findConflict(name, mode);
                if (conflict.isEmpty()) {
                    RepositoryLock lock = new RepositoryLock(storage, name, content, settings, writtenAt);
                    LOG.debug("took {} lock {} on {} for owner '{}'", mode, name, storage.describe(),
                            settings.owner());
                    return lock;
                }
            } catch (RuntimeException | Error e) {
                deleteAfterFailure(storage, name, e);
                throw e;
            }
            storage.delete(name);
            long remaining = waitNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                throw new RepositoryLockedException("cannot take a " + mode + " lock on " + storage.describe()
                        + " for owner '" + settings.owner() + "': it conflicts with the " + conflict.get()
                        + ", which was still held after waiting " + settings.lockWait());
            }
            Duration pause = backoff.delay(attempt);
            LOG.debug("{} lock on {} for owner '{}' conflicts with the {}; trying again in {}", mode,
                    storage.describe(), settings.owner(), conflict.get(), pause);
            sleep(Duration.ofNanos(Math.min(pause.toNanos(), remaining)), storage, mode);
        }
    }

    private static void warnIfSettleTooShort(Storage storage, LockSettings settings) {
        if (!storage.features().contains(StorageFeature.CONSISTENT_LIST)
                && settings.settle().compareTo(SHORT_SETTLE) < 0) {
            LOG.warn("storage {} may list new objects late, yet the lock settle time is only {}; two processes "
                    + "could then both take conflicting locks. Use a settle time of a few seconds for it",
                    storage.describe(), settings.settle());
        }
    }

    private static void sleep(Duration pause, Storage storage, LockMode mode) {
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FiredrillException(ErrorCode.CANCELLED, "taking a " + mode + " lock on " + storage.describe()
                    + " was interrupted", "the thread was interrupted; nothing was locked");
        }
    }

    private static void deleteAfterFailure(Storage storage, String name, Throwable failure) {
        try {
            storage.delete(name);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("could not remove lock file {} from {} after a failed attempt to lock; it goes stale once "
                    + "its heartbeat is older than the expiry", name, storage.describe(), e);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}

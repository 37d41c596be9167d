package io.firedrill.core.lock;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every lock file in a storage except one's own: deletes the stale ones and reports the first live
 * lock that conflicts with a given mode.
 *
 * <p>A lock file that disappears between listing and reading was released and is ignored. A lock file that
 * cannot be parsed is treated as a live lock of unknown mode (it conflicts with everything) until the time
 * in its name is older than the expiry; then, if a second read still cannot parse it, it is stale.
 */
final class LockSurvey {
    private static final Logger LOG = LoggerFactory.getLogger(LockSurvey.class);

    private final Storage storage;
    private final LockSettings settings;
    private final LockLiveness liveness;

    LockSurvey(Storage storage, LockSettings settings, LockLiveness liveness) {
        this.storage = storage;
        this.settings = settings;
        this.liveness = liveness;
    }

    /**
     * Surveys the locks.
     *
     * @param ownName the caller's own lock file, which is skipped
     * @param mode the caller's mode
     * @return a description of a live lock that conflicts with {@code mode}, or empty when there is none
     */
    Optional<String> findConflict(String ownName, LockMode mode) {
        List<String> names = new ArrayList<>();
        storage.list(LockNames.PREFIX, (ObjectInfo info) -> names.add(info.name()));
        names.sort(null);
        String conflict = null;
        for (String name : names) {
            if (name.equals(ownName)) {
                continue;
            }
            Optional<Instant> nameTime = LockNames.createdAt(name);
            if (nameTime.isEmpty()) {
                LOG.debug("ignoring {} in {}: its name is not a lock file's name", name, storage.describe());
                continue;
            }
            String found = judge(name, nameTime.get(), mode);
            if (conflict == null) {
                conflict = found;
            }
        }
        return Optional.ofNullable(conflict);
    }

    /** Deletes {@code name} if stale; returns a description if it is live and conflicts with {@code mode}. */
    private String judge(String name, Instant nameTime, LockMode mode) {
        Optional<byte[]> bytes = read(name);
        if (bytes.isEmpty()) {
            return null;
        }
        LockFile lock;
        try {
            lock = LockFile.decode(bytes.get());
        } catch (IllegalArgumentException unreadable) {
            Duration age = Duration.between(nameTime, settings.clock().instant());
            if (age.compareTo(settings.expiry()) <= 0) {
                return "an unreadable lock (lock file " + name + ", created " + nameTime + ": "
                        + unreadable.getMessage() + "; mode, owner, host and pid unknown)";
            }
            // Read once more, in case the first read caught a heartbeat rewrite half-way on a non-atomic storage.
            Optional<byte[]> again = read(name);
            if (again.isEmpty()) {
                return null;
            }
            try {
                lock = LockFile.decode(again.get());
            } catch (IllegalArgumentException stillUnreadable) {
                storage.delete(name);
                LOG.info("removed stale lock {} from {}: it cannot be parsed ({}) and was created at {}, longer "
                        + "ago than the lock expiry {}", name, storage.describe(), stillUnreadable.getMessage(),
                        nameTime, settings.expiry());
                return null;
            }
        }
        Optional<String> staleReason = liveness.staleReason(lock, settings.clock().instant());
        if (staleReason.isPresent()) {
            storage.delete(name);
            LOG.info("removed stale lock {} from {}: {}; it was the {}", name, storage.describe(),
                    staleReason.get(), lock.describe());
            return null;
        }
        return lock.mode().conflictsWith(mode) ? lock.describe() + " (lock file " + name + ")" : null;
    }

    /** The bytes of a lock file, or empty when it no longer exists. */
    private Optional<byte[]> read(String name) {
        try (InputStream in = storage.get(name)) {
            return Optional.of(in.readAllBytes());
        } catch (ObjectNotFoundException released) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read lock file " + name + " from " + storage.describe() + ": "
                    + e.getMessage(), "check that the storage is reachable, then try again", true, e);
        }
    }
}

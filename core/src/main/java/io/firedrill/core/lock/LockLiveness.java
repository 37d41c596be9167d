package io.firedrill.core.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Decides whether another process's lock is stale, that is, whether its holder can no longer be using it.
 *
 * <p>A lock is stale when its heartbeat is older than the expiry, or when it was taken on this host by a
 * different process that no longer runs. A lock of this very process (same host, same pid) is never judged
 * by its pid: another thread of this JVM may hold it, so only its heartbeat can make it stale.
 */
final class LockLiveness {
    private final LockSettings settings;
    private final LongPredicate processRuns;

    /** Judges with the operating system's view of which processes run. */
    LockLiveness(LockSettings settings) {
        this(settings, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    LockLiveness(LockSettings settings, LongPredicate processRuns) {
        this.settings = settings;
        this.processRuns = processRuns;
    }

    /** Why {@code lock} is stale at {@code now}, or empty when its holder may still be using it. */
    Optional<String> staleReason(LockFile lock, Instant now) {
        Duration silence = Duration.between(lock.heartbeat(), now);
        if (silence.compareTo(settings.expiry()) > 0) {
            return Optional.of("its last heartbeat is " + silence + " old, longer than the lock expiry "
                    + settings.expiry());
        }
        if (lock.host().equalsIgnoreCase(settings.host()) && lock.pid() != settings.pid()
                && !processRuns.test(lock.pid())) {
            return Optional.of("process " + lock.pid() + " no longer runs on host " + lock.host());
        }
        return Optional.empty();
    }
}

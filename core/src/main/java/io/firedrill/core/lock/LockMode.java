package io.firedrill.core.lock;

/**
 * How a repository lock is shared. Backups take {@link #SHARED} locks, which coexist; prune takes an
 * {@link #EXCLUSIVE} lock, which conflicts with every other lock.
 */
public enum LockMode {
    /** Held by operations that only add to the repository; any number may coexist. */
    SHARED,
    /** Held by operations that delete from the repository; excludes every other lock. */
    EXCLUSIVE;

    /** Whether a lock of this mode and a lock of {@code other} may not be held at the same time. */
    public boolean conflictsWith(LockMode other) {
        return this == EXCLUSIVE || other == EXCLUSIVE;
    }
}

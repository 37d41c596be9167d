package io.firedrill.api;

import java.util.Objects;
import java.util.Set;

/**
 * An immutable description of a copy to another repository; built by {@link CopyCommand}. Filters combine:
 * first {@code source}, then {@code ids}, then {@code latestOnly} or {@code retainedBy}.
 *
 * @param source copy only backups of this source, or {@code null} for every source
 * @param ids copy only these backups (each must exist), or an empty set for no restriction
 * @param latestOnly copy only the newest backup of each source
 * @param retainedBy copy only the backups this policy would keep if applied to the source's backups, or
 *     {@code null}
 * @param logs also copy every archived log file of the log streams the copied backups use
 * @param reencrypt decrypt and re-encrypt even when both repositories share their keys
 * @param listener progress receiver
 */
public record CopyRequest(String source, Set<BackupId> ids, boolean latestOnly, RetentionPolicy retainedBy,
                          boolean logs, boolean reencrypt, ProgressListener listener) {
    /** Validates and copies. */
    public CopyRequest {
        ids = Set.copyOf(ids);
        Objects.requireNonNull(listener, "listener");
        if (latestOnly && retainedBy != null) {
            throw new InvalidConfigurationException("a copy cannot select both latest() and retainedBy(...)",
                    "retainedBy(RetentionPolicy.builder().keepLast(1).build()) is the same as latest()");
        }
    }
}

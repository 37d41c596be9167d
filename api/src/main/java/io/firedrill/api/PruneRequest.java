package io.firedrill.api;

import java.util.Objects;

/**
 * An immutable description of a prune; built by {@link PruneCommand}.
 *
 * @param policy which backups to keep
 * @param dryRun report only, change nothing
 * @param listener progress receiver
 */
public record PruneRequest(RetentionPolicy policy, boolean dryRun, ProgressListener listener) {
    /** Validates. */
    public PruneRequest {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(listener, "listener");
    }
}

package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.util.Objects;

/**
 * Builds and runs a prune: forget the backups a {@link RetentionPolicy} no longer keeps, then delete the data
 * no remaining backup needs. Takes the repository's exclusive lock, so it never runs beside a backup; a
 * crash at any point leaves every kept backup restorable.
 */
public final class PruneCommand {
    private final RepositorySession session;
    private RetentionPolicy policy;
    private boolean dryRun;
    private ProgressListener listener;

    PruneCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** The policy to apply (required). */
    public PruneCommand policy(RetentionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Report what would be forgotten and deleted, change nothing. Default {@code false}. */
    public PruneCommand dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Receives progress for this prune only. */
    public PruneCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Runs the prune. */
    public PruneReport run() {
        if (policy == null) {
            throw new InvalidConfigurationException("prune has no retention policy",
                    "call policy(RetentionPolicy.builder().keepDaily(30).build()) or similar before run()");
        }
        return session.prune(new PruneRequest(policy, dryRun, listener));
    }
}

package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Builds and runs a restore drill: restore a backup into a throw-away sandbox, check it, and report how long
 * each step took. A failed drill throws, and the listener's {@code failed} is called first so a host can page.
 * Directory backups are restored and every file checked against the manifest; database drills (start the
 * server, replay logs, sanity checks) come with the engine modules.
 */
public final class DrillCommand {
    private final RepositorySession session;
    private BackupSelector selector = BackupSelector.latest();
    private Path sandbox;
    private ProgressListener listener;

    DrillCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Drills the backup with this id (default: the latest). */
    public DrillCommand backup(BackupId id) {
        this.selector = BackupSelector.id(id);
        return this;
    }

    /** Drills the latest backup of one source. */
    public DrillCommand latestOf(String source) {
        this.selector = BackupSelector.latestOf(source);
        return this;
    }

    /** Restores into this directory and keeps it (default: a temporary directory, deleted afterwards). */
    public DrillCommand sandbox(Path sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        return this;
    }

    /** Receives progress for this drill only. */
    public DrillCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Runs the drill. */
    public DrillReport run() {
        return session.drill(new DrillRequest(selector, sandbox, listener));
    }
}

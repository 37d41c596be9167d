package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds and runs a restore: {@code firedrill.restore().latest().to(dir).run()}. The target must be missing
 * or empty; every chunk is hash-checked as it is read, so a restore never writes silently wrong data.
 */
public final class RestoreCommand {
    private final RepositorySession session;
    private BackupSelector selector = BackupSelector.latest();
    private Path target;
    private ProgressListener listener;
    private RecoveryTarget recovery;
    private OptionalInt serverPort = OptionalInt.empty();

    RestoreCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Restores the backup with this id. */
    public RestoreCommand backup(BackupId id) {
        this.selector = BackupSelector.id(id);
        return this;
    }

    /** Restores the most recent backup (the default). */
    public RestoreCommand latest() {
        this.selector = BackupSelector.latest();
        return this;
    }

    /** Restores the most recent backup of one source. */
    public RestoreCommand latestOf(String source) {
        this.selector = BackupSelector.latestOf(source);
        return this;
    }

    /** The directory to restore into; it must be missing or empty. */
    public RestoreCommand to(Path target) {
        this.target = Objects.requireNonNull(target, "target");
        return this;
    }

    /**
     * For a database backup: recover to this target after restoring the files (point-in-time recovery), replaying
     * archived logs. A target outside the recoverable window fails before anything is restored, naming the window.
     * Without it, a database backup is restored as files only and recovers to its end when first started.
     */
    public RestoreCommand recover(RecoveryTarget target) {
        this.recovery = Objects.requireNonNull(target, "target");
        return this;
    }

    /** For a database backup: leave the recovered server running on this port (archiving off). Default: stopped. */
    public RestoreCommand startServer(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidConfigurationException("server port must be within 1..65535, was " + port, null);
        }
        this.serverPort = OptionalInt.of(port);
        return this;
    }

    /** Receives progress for this restore only. */
    public RestoreCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The request this command describes. */
    public RestoreRequest request() {
        if (target == null) {
            throw new InvalidConfigurationException("the restore has no target directory",
                    "call to(path) with a missing or empty directory before run()");
        }
        if (serverPort.isPresent() && recovery == null) {
            throw new InvalidConfigurationException("startServer(...) needs a recovery target",
                    "add recover(RecoveryTarget.latest()) or another target");
        }
        return new RestoreRequest(selector, target, listener, Optional.ofNullable(recovery), serverPort);
    }

    /** Restores. */
    public RestoreResult run() {
        return session.restore(request());
    }
}

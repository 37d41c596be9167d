package io.firedrill.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable description of a restore; built by {@link RestoreCommand}.
 *
 * @param selector which backup
 * @param target the directory to write; must be missing or empty
 * @param listener progress receiver
 * @param recovery for database backups: the point-in-time recovery target; empty restores the files only
 * @param serverPort for database backups: start the recovered server on this port; empty leaves it stopped
 */
public record RestoreRequest(BackupSelector selector, Path target, ProgressListener listener,
                             Optional<RecoveryTarget> recovery, OptionalInt serverPort) {
    /** Validates. */
    public RestoreRequest {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(serverPort, "serverPort");
    }
}

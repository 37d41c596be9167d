package io.firedrill.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An immutable description of a restore; built by {@link RestoreCommand}.
 *
 * @param selector which backup
 * @param target the directory to write; must be missing or empty
 * @param listener progress receiver
 */
public record RestoreRequest(BackupSelector selector, Path target, ProgressListener listener) {
    /** Validates. */
    public RestoreRequest {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
    }
}

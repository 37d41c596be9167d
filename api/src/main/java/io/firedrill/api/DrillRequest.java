package io.firedrill.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An immutable description of a restore drill; built by {@link DrillCommand}.
 *
 * @param selector which backup to drill
 * @param sandbox an empty or missing directory to restore into, or {@code null} for a temporary one that is
 *     deleted afterwards
 * @param listener progress receiver
 */
public record DrillRequest(BackupSelector selector, Path sandbox, ProgressListener listener) {
    /** Validates. */
    public DrillRequest {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(listener, "listener");
    }
}

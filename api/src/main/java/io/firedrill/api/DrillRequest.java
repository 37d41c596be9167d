package io.firedrill.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of a restore drill; built by {@link DrillCommand}.
 *
 * @param selector which backup to drill
 * @param sandbox an empty or missing directory to restore into, or {@code null} for a temporary one that is
 *     deleted afterwards
 * @param listener progress receiver
 * @param options engine options by name (see {@link DrillCommand#option}); empty for the engine's defaults
 */
public record DrillRequest(BackupSelector selector, Path sandbox, ProgressListener listener,
                           Map<String, String> options) {
    /** Validates and copies. */
    public DrillRequest {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(listener, "listener");
        options = Map.copyOf(options);
    }
}

package io.firedrill.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of a backup to take; built by {@link BackupCommand}.
 *
 * @param source what to read
 * @param sourceName the name the catalog and retention use (defaults to the source's display name)
 * @param tags free-form labels
 * @param listener progress receiver
 * @param options engine options by name (see {@link BackupCommand#option}); empty for the engine's defaults
 */
public record BackupRequest(BackupSource source, String sourceName, List<String> tags, ProgressListener listener,
                            Map<String, String> options) {
    /** Validates and copies. */
    public BackupRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        tags = List.copyOf(tags);
        Objects.requireNonNull(listener, "listener");
        options = Map.copyOf(options);
    }
}

package io.firedrill.api;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of continuous log archiving; built by {@link LogArchiveCommand}.
 *
 * @param source the database whose logs (WAL, binlogs) to archive
 * @param listener progress receiver
 * @param options engine options by name (see {@link LogArchiveCommand#option}); empty for the engine's defaults
 */
public record LogArchiveRequest(BackupSource.Database source, ProgressListener listener,
                                Map<String, String> options) {
    /** Validates and copies. */
    public LogArchiveRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listener, "listener");
        options = Map.copyOf(options);
    }
}

package io.firedrill.api;

import java.util.Objects;

/**
 * An immutable description of continuous log archiving; built by {@link LogArchiveCommand}.
 *
 * @param source the database whose logs (WAL, binlogs) to archive
 * @param listener progress receiver
 */
public record LogArchiveRequest(BackupSource.Database source, ProgressListener listener) {
    /** Validates. */
    public LogArchiveRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listener, "listener");
    }
}

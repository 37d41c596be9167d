package io.firedrill.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code copy()} did.
 *
 * @param copied backups copied by this run, oldest first
 * @param alreadyPresent selected backups the destination already held (copied earlier), untouched
 * @param reencrypted whether blobs were decrypted and re-encrypted with the destination's keys; {@code false}
 *     means packs were copied byte for byte (both repositories share their keys)
 * @param logFiles archived log files copied (new or grown since the last copy)
 * @param bytesWritten bytes written to the destination (packs, index files, log and catalog entries)
 * @param elapsed wall time
 */
public record CopyReport(List<BackupInfo> copied, List<BackupId> alreadyPresent, boolean reencrypted,
                         long logFiles, long bytesWritten, Duration elapsed) {
    /** Copies the lists. */
    public CopyReport {
        copied = List.copyOf(copied);
        alreadyPresent = List.copyOf(alreadyPresent);
    }
}

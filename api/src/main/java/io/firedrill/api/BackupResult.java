package io.firedrill.api;

import java.time.Duration;

/**
 * The outcome of a backup.
 *
 * @param backup the catalog entry that was written
 * @param elapsed wall time
 */
public record BackupResult(BackupInfo backup, Duration elapsed) {
}

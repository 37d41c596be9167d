package io.firedrill.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a restore.
 *
 * @param backup the backup restored
 * @param target the directory written
 * @param files regular files written
 * @param bytes bytes written (holes of sparse files not counted)
 * @param elapsed wall time
 * @param recovery what point-in-time recovery reached, for database backups restored with a target
 */
public record RestoreResult(BackupId backup, Path target, long files, long bytes, Duration elapsed,
                            Optional<RecoveryReport> recovery) {
}

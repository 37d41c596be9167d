package io.firedrill.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code prune()} did, or in a dry run would do.
 *
 * @param dryRun whether nothing was changed
 * @param plan the retention decisions
 * @param deletedObjects storage objects deleted (or that would be)
 * @param deletedBytes their size
 * @param rewrittenPacks packs rewritten to drop unused chunks
 * @param elapsed wall time
 */
public record PruneReport(boolean dryRun, RetentionPlan plan, long deletedObjects, long deletedBytes,
                          long rewrittenPacks, Duration elapsed) {
    /** The backups forgotten. */
    public List<BackupInfo> forgotten() {
        return plan.forget();
    }
}

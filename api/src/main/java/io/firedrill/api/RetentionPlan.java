package io.firedrill.api;

import java.util.List;
import java.util.Set;

/**
 * What a {@link RetentionPolicy} decides for the backups in a repository, without changing anything.
 *
 * @param keep backups kept, each with the rules that keep it
 * @param forget backups the policy no longer needs
 */
public record RetentionPlan(List<Kept> keep, List<BackupInfo> forget) {
    /** Copies the lists. */
    public RetentionPlan {
        keep = List.copyOf(keep);
        forget = List.copyOf(forget);
    }

    /**
     * A kept backup.
     *
     * @param backup the backup
     * @param reasons the rules that keep it, such as {@code last}, {@code daily}, {@code pinned}
     */
    public record Kept(BackupInfo backup, Set<String> reasons) {
        /** Copies the set. */
        public Kept {
            reasons = Set.copyOf(reasons);
        }
    }
}

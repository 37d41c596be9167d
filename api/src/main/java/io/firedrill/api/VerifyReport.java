package io.firedrill.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code verify()} found.
 *
 * @param backupsChecked backups whose manifests were read
 * @param objectsChecked storage objects checked for presence
 * @param objectsRead storage objects read in full
 * @param bytesRead bytes read back
 * @param problems every damaged or missing object, each with the backups it affects; empty when healthy
 * @param elapsed wall time
 */
public record VerifyReport(int backupsChecked, long objectsChecked, long objectsRead, long bytesRead,
                           List<Problem> problems, Duration elapsed) {
    /** Copies the list. */
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /**
     * One damaged or missing object.
     *
     * @param object the storage object's name
     * @param kind what is wrong
     * @param detail a human-readable explanation
     * @param affectedBackups the backups that cannot be fully restored because of it
     */
    public record Problem(String object, Kind kind, String detail, Set<BackupId> affectedBackups) {
        /** Copies the set. */
        public Problem {
            affectedBackups = Set.copyOf(affectedBackups);
        }
    }

    /** Kinds of problem. */
    public enum Kind {
        /** The object is referenced but not in the storage. */
        MISSING,
        /** The object is present but its bytes fail a check. */
        CORRUPT,
        /** A chunk a manifest names is in no index. */
        UNINDEXED
    }
}

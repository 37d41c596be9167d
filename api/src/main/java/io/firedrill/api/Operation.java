package io.firedrill.api;

/** The long-running operations that report progress. */
public enum Operation {
    /** Taking a backup. */
    BACKUP("backup"),
    /** Restoring a backup. */
    RESTORE("restore"),
    /** Checking the repository's integrity. */
    VERIFY("verify"),
    /** Forgetting backups and deleting data no backup needs. */
    PRUNE("prune"),
    /** Restoring a backup into a sandbox and checking it. */
    DRILL("drill"),
    /** Archiving database logs. */
    ARCHIVE_LOGS("log archiving"),
    /** Copying backups into another repository. */
    COPY("copy");

    private final String displayName;

    Operation(String displayName) {
        this.displayName = displayName;
    }

    /** A lower-case name for messages. */
    public String displayName() {
        return displayName;
    }
}

package io.firedrill.api;

/** Stable codes for every failure Firedrill reports; safe to branch on and to put in alerts. */
public enum ErrorCode {
    /** A setting or argument is invalid. */
    INVALID_CONFIGURATION,
    /** The storage failed or could not be reached. */
    STORAGE_FAILURE,
    /** An object the repository needs is missing from the storage. */
    OBJECT_NOT_FOUND,
    /** A stored object failed its integrity check. */
    CORRUPT_OBJECT,
    /** No key of the repository opens with the given passphrase or identity. */
    WRONG_KEY,
    /** The key opened allows writing backups but not reading them. */
    ACCESS_DENIED,
    /** The location holds no repository, or a repository already exists where one was to be created. */
    REPOSITORY_STATE,
    /** Another process holds a conflicting lock. */
    REPOSITORY_LOCKED,
    /** No backup has the requested id. */
    BACKUP_NOT_FOUND,
    /** The engine or storage plugin needed is not on the classpath, or is ambiguous. */
    PLUGIN_NOT_FOUND,
    /** A restore or recovery target cannot be used (non-empty directory, unsafe path, outside the window). */
    INVALID_TARGET,
    /** Reading the source failed. */
    SOURCE_FAILURE,
    /** The operation was cancelled by its listener. */
    CANCELLED,
    /** The repository was written by a newer, unknown format version. */
    UNSUPPORTED_FORMAT,
    /** A log file of that name is already archived with different content. */
    LOG_CONFLICT,
    /** A log file a recovery or a backup needs is missing from the archive. */
    LOG_GAP,
    /** A database engine operation failed (the server refused, a command failed, recovery stopped early). */
    ENGINE_FAILURE,
    /** An unexpected failure inside Firedrill or a plugin: a bug. */
    INTERNAL_ERROR
}

package io.firedrill.core.repository;

/** The object names of a repository. See docs/repository-format.md. */
public final class RepositoryLayout {
    /** The repository's configuration. */
    public static final String CONFIG = "config";
    /** Key files. */
    public static final String KEYS = "keys/";
    /** Packs, fanned out by the first two hex digits of their id. */
    public static final String DATA = "data/";
    /** Index files. */
    public static final String INDEX = "index/";
    /** Catalog entries, one per backup. */
    public static final String BACKUPS = "backups/";
    /** Pins, one empty object per pinned backup. */
    public static final String PINS = "pins/";
    /** Archived log files (WAL, binlogs), one sealed entry per file under {@code logs/<stream>/}. */
    public static final String LOGS = "logs/";
    /** Lock files. */
    public static final String LOCKS = "locks/";

    private RepositoryLayout() {
    }
}

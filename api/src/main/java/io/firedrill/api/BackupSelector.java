package io.firedrill.api;

import java.util.Objects;

/** Chooses one backup: by id, or the latest (optionally of one source). */
public sealed interface BackupSelector {

    /** The backup with this id. */
    static BackupSelector id(BackupId id) {
        return new ById(id);
    }

    /** The most recent backup in the repository. */
    static BackupSelector latest() {
        return new Latest(null);
    }

    /** The most recent backup of one source. */
    static BackupSelector latestOf(String source) {
        return new Latest(Objects.requireNonNull(source, "source"));
    }

    /**
     * By id.
     *
     * @param id the backup id
     */
    record ById(BackupId id) implements BackupSelector {
        /** Validates. */
        public ById {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The latest backup.
     *
     * @param source restrict to this source, or {@code null} for any
     */
    record Latest(String source) implements BackupSelector {
    }
}

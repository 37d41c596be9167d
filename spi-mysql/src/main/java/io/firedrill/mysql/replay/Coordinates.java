package io.firedrill.mysql.replay;

import java.util.Objects;

/**
 * Where a backup's snapshot sits in the source's binlogs: replay starts here.
 *
 * @param file the binlog file name ({@code SHOW MASTER STATUS}'s {@code File}, such as {@code binlog.000042})
 * @param position the offset in that file ({@code Position}): the first event not in the snapshot
 * @param gtidSet the GTIDs the snapshot holds: MySQL's {@code @@gtid_executed} ({@code uuid:1-42,…}) or MariaDB's
 *     {@code @@gtid_binlog_pos} ({@code 0-1-42,…}); may be empty
 */
public record Coordinates(String file, long position, String gtidSet) {
    /** Validates. */
    public Coordinates {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(gtidSet, "gtidSet");
        if (file.isBlank() || file.contains("/")) {
            throw new IllegalArgumentException("a binlog file name without directory is needed, got '" + file + "'");
        }
        if (position < 4) {
            throw new IllegalArgumentException("binlog position " + position + " is before the first event (4)");
        }
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}

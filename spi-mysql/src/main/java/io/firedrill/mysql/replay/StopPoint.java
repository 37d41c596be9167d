package io.firedrill.mysql.replay;

import java.util.Objects;

/**
 * Where replay stops: the file and offset of the first transaction <em>not</em> to apply (or the end of the last
 * transaction to apply), as resolved from a recovery target.
 *
 * @param file the binlog file name
 * @param position the offset in that file; every transaction starting before it (and after the start) is applied
 * @param reason what the target resolved to, for reports and logs
 */
public record StopPoint(String file, long position, String reason) {
    /** Validates. */
    public StopPoint {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (position < 4) {
            throw new IllegalArgumentException("stop position " + position + " is before the first event (4)");
        }
    }

    @Override
    public String toString() {
        return file + ":" + position + " (" + reason + ")";
    }
}

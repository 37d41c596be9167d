package io.firedrill.mysql.stream;

import java.time.Instant;

/**
 * A hole in the archive that the streamer detected: binlog data the server no longer has or never sent.
 *
 * @param kind what kind of hole
 * @param file the first binlog file affected (for {@link Kind#PURGED}, the first file missing or incomplete)
 * @param position the offset in {@code file} where the hole starts (4 for a whole missing file)
 * @param description what is missing, in words, for messages and alerts
 * @param detectedAt when the streamer noticed
 */
public record BinlogGap(Kind kind, String file, long position, String description, Instant detectedAt) {
    /** Kinds of holes. */
    public enum Kind {
        /** The server purged binlog files (or the end of one) before they were archived. */
        PURGED,
        /** The server sent an event at another offset than the end of what was archived. */
        POSITION,
        /** A file's GTID header names transactions the archive never received. */
        GTID
    }
}

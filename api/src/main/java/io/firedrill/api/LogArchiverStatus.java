package io.firedrill.api;

import java.time.Instant;

/**
 * A snapshot of a running log archiver, engine-neutral: PostgreSQL WAL positions ({@code 0/3000060}) and MySQL or
 * MariaDB binlog coordinates ({@code binlog.000042:1234}) are both written as text.
 *
 * @param running whether the archiver is still working (it keeps retrying after failures until closed)
 * @param connected whether it is connected to the database right now
 * @param lastArchivedPosition the end of what is durably in the repository, including a partial file of the log
 *     still being written, or {@code null} before anything was archived
 * @param lastArchivedFile the last complete log file archived, or {@code null} before the first one
 * @param lagBytes how far the archive is behind the server's durable log position, in bytes; 0 when caught up,
 *     {@code -1} when unknown (not connected yet)
 * @param lagSeconds how long ago the server had written the oldest byte not archived yet (0 when caught up,
 *     {@code -1} when unknown); measured at the archiver's polling resolution, about a second
 * @param lastArchivedAt when something was last persisted, or {@code null}
 * @param lastError the message of the last failure (it clears after a successful reconnection), or {@code null}
 */
public record LogArchiverStatus(boolean running, boolean connected, String lastArchivedPosition,
                                String lastArchivedFile, long lagBytes, double lagSeconds, Instant lastArchivedAt,
                                String lastError) {

    /** The status of an archiver that reports nothing but whether it runs. */
    public static LogArchiverStatus unknown(boolean running) {
        return new LogArchiverStatus(running, running, null, null, -1, -1, null, null);
    }
}

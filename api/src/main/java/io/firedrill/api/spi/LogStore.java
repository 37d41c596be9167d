package io.firedrill.api.spi;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The repository's archive of an engine's log files (PostgreSQL WAL segments and history files, MySQL and
 * MariaDB binlogs), implemented by {@code firedrill-core} and handed to engines. Files are grouped in
 * <em>streams</em>, one per database cluster (for example {@code postgres-7301234567890123456}), so that two
 * clusters, or a cluster and its successor after a failover, never overwrite each other's files.
 *
 * <p>Every file is chunked, deduplicated, compressed and encrypted like backup data.
 */
public interface LogStore {

    /** What {@link #put} did. */
    enum PutOutcome {
        /** The file was archived. */
        STORED,
        /** A file of that name with identical content was already archived; nothing changed. */
        ALREADY_PRESENT,
        /** A partial file ({@code .partial}) replaced the previous partial content of that name. */
        REPLACED
    }

    /**
     * Archives a complete log file; durable when this returns. Archiving a name again with identical content
     * succeeds ({@link PutOutcome#ALREADY_PRESENT}); with different content it fails with a
     * {@link io.firedrill.api.FiredrillException} of code {@link io.firedrill.api.ErrorCode#LOG_CONFLICT} and
     * changes nothing. Names ending in {@code .partial} are the exception: they hold a file still being written
     * and are replaced.
     *
     * @param stream the stream, {@code [a-z0-9._-]+}
     * @param name the file name, {@code [A-Za-z0-9._-]+}
     * @param content the bytes; read to the end, not closed
     */
    PutOutcome put(String stream, String name, InputStream content);

    /** The archived file of that name, if any. */
    Optional<LogFile> find(String stream, String name);

    /**
     * Copies an archived file to {@code target} atomically (a temporary file renamed into place), checking every
     * chunk on the way.
     *
     * @throws io.firedrill.api.ObjectNotFoundException when no such file is archived
     */
    void fetch(String stream, String name, Path target);

    /** Every archived file of a stream, in name order. */
    List<LogFile> list(String stream);

    /** Removes an archived file, typically a {@code .partial} file once its complete version is archived. */
    void delete(String stream, String name);

    /**
     * One archived log file.
     *
     * @param stream its stream
     * @param name its file name
     * @param size its size in bytes
     * @param archived when it was archived
     */
    record LogFile(String stream, String name, long size, Instant archived) {
    }
}

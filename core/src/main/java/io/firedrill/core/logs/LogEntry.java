package io.firedrill.core.logs;

import java.util.List;

/**
 * The sealed document at {@code logs/<stream>/<name>}: one archived log file as a list of fixed-size chunks.
 *
 * @param version format version, 1
 * @param stream the stream
 * @param name the file name
 * @param size the file's size in bytes
 * @param archived ISO-8601 time it was archived
 * @param chunkSize bytes per chunk (the last one holds the rest)
 * @param chunks chunk ids (hex) in order
 */
public record LogEntry(int version, String stream, String name, long size, String archived, int chunkSize,
                       List<String> chunks) {
}

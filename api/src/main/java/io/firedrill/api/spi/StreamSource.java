package io.firedrill.api.spi;

import java.io.InputStream;
import java.util.List;

/**
 * The streams of a logical backup, read back for a restore. Thread-safe: streams may be read in parallel. Every
 * chunk is hash-checked as it is read, so a stream never yields silently wrong bytes.
 */
public interface StreamSource {

    /** The backup's streams, in name order. */
    List<Stream> streams();

    /**
     * Opens a stream for reading.
     *
     * @throws io.firedrill.api.ObjectNotFoundException when the backup has no stream of that name
     */
    InputStream open(String name);

    /**
     * One stored stream.
     *
     * @param name its name
     * @param size its length in bytes
     */
    record Stream(String name, long size) {
    }
}

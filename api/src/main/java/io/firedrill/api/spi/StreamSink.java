package io.firedrill.api.spi;

import java.io.OutputStream;

/**
 * Where a {@link LogicalBackup} writes its streams. Thread-safe: several workers may write different streams at
 * once; each stream is written by one thread. A stream is stored when its {@link OutputStream} is closed; a stream
 * left open fails the backup.
 */
public interface StreamSink {

    /**
     * Opens a new stream.
     *
     * @param name a relative path such as {@code data/shop/orders/000001.rows}; unique within the backup, made of
     *     {@code /}-separated segments, none empty, {@code .} or {@code ..}
     * @return where to write the stream's bytes; memory stays bounded however much is written
     */
    OutputStream create(String name);
}

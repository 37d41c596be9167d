package io.firedrill.core.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Cuts an input stream into content-defined chunks, reading through one reusable buffer of twice the maximum
 * chunk size, so memory stays bounded whatever the stream's length. The chunks are the same as
 * {@link ContentDefinedChunker#cut} gives on the whole stream in one array, however the stream splits its
 * reads.
 *
 * <p>Each {@link Chunk} is a view into the buffer, valid only until the next {@link #next()}. Not thread-safe.
 * Closing closes the underlying stream.
 */
public final class ChunkStream implements AutoCloseable {
    private final InputStream in;
    private final ContentDefinedChunker chunker;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;

    /**
     * A chunk stream over {@code in}.
     *
     * @param in the bytes to cut; read to its end, closed by {@link #close()}
     * @param chunker where to cut
     */
    public ChunkStream(InputStream in, ContentDefinedChunker chunker) {
        this.in = Objects.requireNonNull(in, "in");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.buffer = new byte[2 * chunker.maxSize()];
    }

    /**
     * The next chunk, or {@code null} at the end of the stream. An empty stream has no chunks.
     *
     * @return a view of the chunk, valid until the next call
     * @throws IOException if reading fails
     */
    public Chunk next() throws IOException {
        if (!eof && end - start < chunker.maxSize()) {
            fill();
        }
        int available = end - start;
        if (available == 0) {
            return null;
        }
        int length = chunker.cut(buffer, start, available);
        Chunk chunk = new Chunk(buffer, start, length);
        start += length;
        return chunk;
    }

    /** Moves the unread bytes to the front and reads until the buffer is full or the stream ends. */
    private void fill() throws IOException {
        int remaining = end - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, remaining);
            start = 0;
            end = remaining;
        }
        while (end < buffer.length) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package io.firedrill.core.chunking;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The push-side twin of {@link ChunkStream}: bytes written to it are cut into content-defined chunks, handed to a
 * {@link Receiver} as soon as their boundary is known. The chunks are the same as {@link ContentDefinedChunker#cut}
 * gives on the whole stream in one array, however the writes are split, and memory stays at one buffer of twice the
 * maximum chunk size. Not thread-safe. Closing hands over the last chunk; it does not close anything else.
 */
public final class ChunkingOutputStream extends OutputStream {

    /** Receives each chunk; the view is valid only during the call. */
    @FunctionalInterface
    public interface Receiver {
        /** Takes one chunk. */
        void chunk(byte[] data, int offset, int length) throws IOException;
    }

    private final ContentDefinedChunker chunker;
    private final Receiver receiver;
    private final byte[] buffer;
    private int start;
    private int end;
    private long written;
    private boolean closed;

    /**
     * @param chunker where to cut
     * @param receiver where chunks go
     */
    public ChunkingOutputStream(ContentDefinedChunker chunker, Receiver receiver) {
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.buffer = new byte[2 * chunker.maxSize()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        while (len > 0) {
            if (end == buffer.length) {
                cutWhileAtLeast(chunker.maxSize());
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = Math.min(len, buffer.length - end);
            System.arraycopy(b, off, buffer, end, n);
            end += n;
            off += n;
            len -= n;
            written += n;
        }
    }

    /** How many bytes were written so far. */
    public long size() {
        return written;
    }

    /** Hands over the remaining bytes as the stream's last chunks. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        cutWhileAtLeast(1);
    }

    /** Cuts chunks while at least {@code available} bytes are buffered (a full maximum, or anything at the end). */
    private void cutWhileAtLeast(int available) throws IOException {
        while (end - start >= available) {
            int length = chunker.cut(buffer, start, end - start);
            receiver.chunk(buffer, start, length);
            start += length;
        }
    }
}

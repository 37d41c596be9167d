package io.firedrill.core.chunking;

import java.util.Arrays;

/**
 * One content-defined chunk handed out by {@link ChunkStream}: bytes {@code [offset, offset + length)} of
 * {@code data}.
 *
 * <p><b>A view, not a copy:</b> {@code data} is the stream's internal buffer, and its contents are valid only
 * until the next call to {@link ChunkStream#next()} or {@link ChunkStream#close()}. Callers that keep the
 * bytes must copy them first (see {@link #toByteArray()}), and must not write to {@code data}.
 *
 * @param data the buffer holding the chunk
 * @param offset where the chunk starts in {@code data}
 * @param length the chunk's length in bytes
 */
public record Chunk(byte[] data, int offset, int length) {
    /** A copy of the chunk's bytes, which stays valid. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }
}

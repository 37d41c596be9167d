package io.firedrill.core.chunking;

import io.firedrill.api.Chunking;
import java.util.Objects;

/**
 * Finds content-defined chunk boundaries with FastCDC: a gear rolling hash
 * {@code h = (h << 1) + gear[b]} over the bytes after the minimum size, cut where the hash's top bits are zero.
 * Normalized chunking (level 2) tests {@code log2(average) + 2} bits before the average size and
 * {@code log2(average) - 2} bits after it, which concentrates chunk sizes around the average. No chunk is
 * shorter than the minimum (except the last of a stream) or longer than the maximum.
 *
 * <p>Because each bit {@code k} of the gear hash depends only on the last {@code k + 1} bytes, the tested bits
 * are the top ones, so a boundary depends on the 64 bytes before it (and the minimum size) only; an edit
 * moves the boundaries near it and the following ones resynchronise.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContentDefinedChunker {
    private static final int NORMALIZATION = 2;

    private final long[] gear;
    private final int minSize;
    private final int averageSize;
    private final int maxSize;
    private final long strictMask;
    private final long looseMask;

    /**
     * A chunker with the stream sizes of {@code params} and keyed by {@code gear}.
     *
     * @param params the repository's chunking settings
     * @param gear the repository's gear table
     */
    public ContentDefinedChunker(Chunking params, GearTable gear) {
        Objects.requireNonNull(params, "params");
        this.gear = Objects.requireNonNull(gear, "gear").toArray();
        this.minSize = params.streamMinSize();
        this.averageSize = params.streamAverageSize();
        this.maxSize = params.streamMaxSize();
        int bits = Integer.numberOfTrailingZeros(averageSize);
        this.strictMask = topBits(bits + NORMALIZATION);
        this.looseMask = topBits(bits - NORMALIZATION);
    }

    private static long topBits(int count) {
        return -1L << (Long.SIZE - count);
    }

    /** The smallest chunk, except a stream's last. */
    public int minSize() {
        return minSize;
    }

    /** The largest chunk; a caller that offers at least this many bytes to {@link #cut} gets a final boundary. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * The length of the chunk starting at {@code offset}. With at least {@link #maxSize()} bytes available the
     * result is a final boundary within {@code [min, max]}; with fewer, it is {@code length} when no boundary is
     * found, and the caller decides whether that is the end of the stream or more bytes must be read first.
     *
     * @param buf the bytes
     * @param offset where the chunk starts
     * @param length how many bytes are available from {@code offset}
     * @return the chunk's length, within {@code [min(length, 1), min(length, max)]}
     */
    public int cut(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length <= minSize) {
            return length;
        }
        int end = offset + Math.min(length, maxSize);
        int normal = offset + Math.min(length, averageSize);
        long[] g = gear;
        long mask = strictMask;
        long h = 0;
        int i = offset + minSize;
        for (; i < normal; i++) {
            h = (h << 1) + g[buf[i] & 0xff];
            if ((h & mask) == 0) {
                return i + 1 - offset;
            }
        }
        mask = looseMask;
        for (; i < end; i++) {
            h = (h << 1) + g[buf[i] & 0xff];
            if ((h & mask) == 0) {
                return i + 1 - offset;
            }
        }
        return end - offset;
    }
}

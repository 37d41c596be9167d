package io.firedrill.postgres.stream;

import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.WalSegment;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The one WAL segment being received: a single buffer of the segment size, reused from segment to segment, so
 * memory stays bounded whatever the server sends.
 */
final class SegmentBuffer {
    private final byte[] bytes;
    private WalSegment segment;
    private int filled;

    SegmentBuffer(long segmentSize) {
        if (segmentSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("WAL segments of " + segmentSize + " bytes are not supported");
        }
        this.bytes = new byte[(int) segmentSize];
    }

    /** Starts receiving {@code segment} from its first byte. */
    void reset(WalSegment segment) {
        if (segment.segmentSize() != bytes.length) {
            throw new IllegalArgumentException("segment size changed");
        }
        this.segment = segment;
        this.filled = 0;
    }

    WalSegment segment() {
        return segment;
    }

    /** The position of the next byte expected. */
    Lsn position() {
        return new Lsn(segment.start().value() + filled);
    }

    int filled() {
        return filled;
    }

    boolean complete() {
        return filled == bytes.length;
    }

    /** Copies as much of {@code data} as fits into this segment; returns how many bytes were taken. */
    int append(ByteBuffer data) {
        int n = Math.min(data.remaining(), bytes.length - filled);
        data.get(bytes, filled, n);
        filled += n;
        return n;
    }

    /** The received bytes, without copying. */
    InputStream content() {
        return new ByteArrayInputStream(bytes, 0, filled);
    }
}

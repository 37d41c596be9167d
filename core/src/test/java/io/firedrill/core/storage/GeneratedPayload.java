package io.firedrill.core.storage;

import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A payload of deterministic pseudo-random bytes computed on the fly, so tests can store and compare
 * objects of any size without holding them in memory. Two payloads with the same seed yield the same
 * bytes.
 */
public final class GeneratedPayload implements Payload {
    private final long seed;
    private final long length;

    /**
     * @param seed selects the byte sequence
     * @param length the number of bytes
     */
    public GeneratedPayload(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        this.seed = seed;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open() {
        return new Stream(seed, length);
    }

    /** The byte at {@code position}: lets a test check any slice without generating what precedes it. */
    public byte byteAt(long position) {
        Objects.checkIndex(position, length);
        return Stream.byteAt(seed, position);
    }

    /** The bytes of a range, for small ranges a test wants to compare directly. */
    public byte[] slice(long offset, int count) {
        Objects.checkFromIndexSize(offset, count, length);
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = byteAt(offset + i);
        }
        return bytes;
    }

    private static final class Stream extends InputStream {
        private final long seed;
        private final long length;
        private long position;

        Stream(long seed, long length) {
            this.seed = seed;
            this.length = length;
        }

        static byte byteAt(long seed, long position) {
            long word = mix(seed ^ mix(position >>> 3));
            return (byte) (word >>> ((position & 7) * 8));
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        @Override
        public int read() {
            return position < length ? byteAt(seed, position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = byteAt(seed, position++);
            }
            return n;
        }
    }
}

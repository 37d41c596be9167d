package io.firedrill.api.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fallback ranged read for storages without {@link StorageFeature#RANGED_READ}. */
final class RangedStreams {
    private RangedStreams() {
    }

    static InputStream slice(InputStream whole, long offset, long length) {
        if (offset < 0 || length < 0) {
            closeQuietly(whole);
            throw new IllegalArgumentException("offset and length must be >= 0, were " + offset + " and " + length);
        }
        try {
            whole.skipNBytes(offset);
        } catch (IOException e) {
            closeQuietly(whole);
            throw new UncheckedIOException("cannot skip to offset " + offset, e);
        }
        return new FilterInputStream(whole) {
            private long remaining = length;

            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }
        };
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}

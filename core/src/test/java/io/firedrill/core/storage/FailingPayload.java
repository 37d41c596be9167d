package io.firedrill.core.storage;

import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A payload whose stream fails with an {@link IOException} after a given number of bytes, modelling a
 * source that breaks while a put is under way.
 */
public final class FailingPayload implements Payload {
    private final long length;
    private final long failAfter;

    /**
     * @param length the announced length
     * @param failAfter how many bytes the stream yields before failing; less than {@code length}
     */
    public FailingPayload(long length, long failAfter) {
        if (failAfter < 0 || failAfter >= length) {
            throw new IllegalArgumentException("failAfter must lie in 0.." + (length - 1) + ", was " + failAfter);
        }
        this.length = length;
        this.failAfter = failAfter;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open() {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= failAfter) {
                    throw new IOException("injected source failure at byte " + position);
                }
                int n = (int) Math.min(len, failAfter - position);
                Arrays.fill(b, off, off + n, (byte) 'x');
                position += n;
                return n;
            }
        };
    }
}

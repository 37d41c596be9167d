package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads one byte range of a {@link Payload} for one upload attempt, and remembers whether the payload itself failed
 * (could not be read, or ended early), so that such a failure is reported as the caller's and never retried.
 */
final class PayloadReader {
    private final Payload payload;
    private final long offset;
    private final long length;
    private final String object;
    private volatile IOException failure;
    private volatile long delivered;

    PayloadReader(Payload payload, long offset, long length, String object) {
        this.payload = payload;
        this.offset = offset;
        this.length = length;
        this.object = object;
    }

    long length() {
        return length;
    }

    /** A fresh stream over the range; the HTTP client calls this once per attempt. */
    InputStream open() {
        failure = null;
        delivered = 0;
        InputStream source;
        try {
            source = payload.open();
            source.skipNBytes(offset);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            failure = e.getCause();
            throw e;
        }
        return new BlockInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long remaining = length - delivered;
                if (remaining <= 0) {
                    return -1;
                }
                int n;
                try {
                    n = source.read(b, off, (int) Math.min(len, remaining));
                } catch (IOException e) {
                    failure = e;
                    throw e;
                } catch (UncheckedIOException e) {
                    failure = e.getCause();
                    throw e.getCause();
                }
                if (n < 0) {
                    failure = new IOException("the payload ended after " + delivered + " of the announced " + length
                            + " bytes");
                    throw failure;
                }
                delivered += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** The payload's failure in the last attempt as the caller's error, or {@code null} if the payload was fine. */
    StorageException failure(String where) {
        IOException e = failure;
        if (e == null) {
            return null;
        }
        return new StorageException("cannot read the payload for " + object + " while storing it in " + where + ": "
                + e.getMessage() + "; nothing was stored", "the Payload's length() must match what its open() stream "
                + "yields, and the stream must be readable", false, e);
    }
}

package io.firedrill.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a download that survives broken connections: when reading fails, or the body ends before its
 * announced length, it asks for the rest with a ranged GET conditional on the same ETag (so it never splices
 * two versions of an object) and goes on, up to a few times in a row. Closing it early aborts the connection
 * instead of draining the rest of the body.
 */
final class ResumingDownload extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingDownload.class);
    private static final int MAX_RESUMES = 5;

    /** Opens the rest of the object: (first byte, ETag) to the response, whose end is the range's end. */
    interface Rest extends BiFunction<Long, String, ResponseInputStream<GetObjectResponse>> {
    }

    private final String what;
    private final Rest rest;
    private final String etag;
    private final long end;
    private ResponseInputStream<GetObjectResponse> current;
    private long position;
    private int failuresInARow;
    private boolean closed;

    /**
     * @param what the object, for messages
     * @param first the response already opened
     * @param start the first byte's offset in the object
     * @param length the bytes expected from {@code start}
     * @param rest opens the rest after a failure
     */
    ResumingDownload(String what, ResponseInputStream<GetObjectResponse> first, long start, long length, Rest rest) {
        this.what = what;
        this.current = first;
        this.etag = first.response().eTag();
        this.position = start;
        this.end = start + length;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the download of " + what + " is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (position >= end) {
                return -1;
            }
            IOException failure;
            try {
                int n = current.read(b, off, (int) Math.min(len, end - position));
                if (n > 0) {
                    position += n;
                    failuresInARow = 0;
                    return n;
                }
                failure = new IOException("the body ended at byte " + position + " of " + end);
            } catch (IOException | SdkException e) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        if (++failuresInARow > MAX_RESUMES) {
            throw new IOException("reading " + what + " failed " + MAX_RESUMES + " times in a row at byte " + position
                    + ": " + failure.getMessage(), failure);
        }
        LOG.debug("reading {} broke at byte {} ({}); resuming", what, position, failure.toString());
        current.abort();
        try {
            current = rest.apply(position, etag);
        } catch (SdkException e) {
            IOException resumeFailure = new IOException("cannot resume reading " + what + " at byte " + position + ": "
                    + e.getMessage(), e);
            resumeFailure.addSuppressed(failure);
            throw resumeFailure;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (position < end) {
                current.abort();
            }
            try {
                current.close();
            } catch (IOException ignored) {
                // nothing more to read from it
            }
        }
    }
}

package io.firedrill.storage.s3;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Reads one payload front to back for an upload, in slices (the whole object, or one part after another),
 * without holding more than a buffer in memory.
 *
 * <p>Two cursors walk the payload: one computes each slice's MD5 (sent as {@code Content-MD5}, so the server
 * rejects what arrives damaged) and checks that the payload really has the announced bytes, before anything is
 * sent; the other feeds the request bodies. When the SDK retries a request it asks for the body again: the
 * reader then reopens the payload and skips to the slice, so a retry costs one extra open, never a re-read of
 * everything before the slice. Not thread-safe: one reader per upload.
 */
final class PayloadReader implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Payload payload;
    private final String what;
    private InputStream digestStream;
    private long digestPosition;
    private InputStream bodyStream;
    private long bodyPosition;

    /**
     * @param payload the content to upload
     * @param what the object, for messages
     */
    PayloadReader(Payload payload, String what) {
        this.payload = payload;
        this.what = what;
    }

    /**
     * The MD5 of the next {@code length} bytes, which must directly follow the previous slice digested.
     *
     * @return the raw 16-byte digest
     * @throws StorageException when the payload fails or ends early
     */
    byte[] digestNext(long offset, long length) {
        if (offset != digestPosition) {
            throw new IllegalStateException("slices must be digested in order: at " + digestPosition + ", asked " + offset);
        }
        MessageDigest md5 = md5();
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        try {
            if (digestStream == null) {
                digestStream = payload.open();
            }
            long remaining = length;
            while (remaining > 0) {
                int n = digestStream.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw shortPayload(digestPosition);
                }
                md5.update(buffer, 0, n);
                remaining -= n;
                digestPosition += n;
            }
            return md5.digest();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot store " + what + ": reading its content failed: " + e.getMessage(),
                    "the source of the object failed; nothing was stored", true, e);
        }
    }

    /** Checks that the payload has no byte beyond the announced length. */
    void checkEnd() {
        try {
            if (digestPosition != payload.length() || (digestStream != null && digestStream.read() >= 0)) {
                throw new StorageException("cannot store " + what + ": its content is longer than the announced "
                        + payload.length() + " bytes", "the payload's length() must match what open() yields", false, null);
            }
        } catch (IOException e) {
            throw new StorageException("cannot store " + what + ": reading its content failed: " + e.getMessage(),
                    "the source of the object failed; nothing was stored", true, e);
        }
    }

    /** The body of the slice at {@code offset}, for as many attempts as the SDK makes. */
    ContentStreamProvider body(long offset, long length) {
        return () -> slice(offset, length);
    }

    private InputStream slice(long offset, long length) {
        try {
            if (bodyStream == null || bodyPosition != offset) {
                closeBody();
                bodyStream = payload.open();
                bodyStream.skipNBytes(offset);
                bodyPosition = offset;
            }
            return new Slice(length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the content of " + what + " at byte " + offset, e);
        }
    }

    private StorageException shortPayload(long position) {
        return new StorageException("cannot store " + what + ": its content ended after " + position
                + " bytes, but " + payload.length() + " were announced", "the payload's length() must match what "
                + "open() yields; nothing was stored", false, null);
    }

    private void closeBody() throws IOException {
        if (bodyStream != null) {
            bodyStream.close();
            bodyStream = null;
        }
    }

    @Override
    public void close() {
        try (InputStream a = digestStream; InputStream b = bodyStream) {
            digestStream = null;
            bodyStream = null;
        } catch (IOException ignored) {
            // the upload's own outcome is what matters
        }
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** A window of {@code length} bytes over the body stream that advances the shared position. */
    private final class Slice extends InputStream {
        private final InputStream stream = bodyStream;
        private long remaining;

        Slice(long length) {
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (stream != bodyStream) {
                throw new IOException("this attempt's body of " + what + " was superseded by a retry");
            }
            int n = stream.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("the content of " + what + " ended early, at byte " + bodyPosition);
            }
            remaining -= n;
            bodyPosition += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            // the shared stream stays open for the next slice; the reader closes it
        }
    }
}

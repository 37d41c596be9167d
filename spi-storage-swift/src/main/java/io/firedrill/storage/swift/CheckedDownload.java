package io.firedrill.storage.swift;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The body of a whole-object GET, checked as it streams: the bytes must number the announced length and hash to the
 * object's ETag (its MD5), else the read that reaches the end fails. Large objects (whose ETag is not an MD5 of
 * their content) are only checked for length.
 */
final class CheckedDownload extends BlockInputStream {
    private final InputStream body;
    private final String object;
    private final long expectedLength;
    private final String expectedMd5;
    private final MessageDigest md5 = PayloadDigest.md5();
    private long received;
    private boolean checked;

    /**
     * @param expectedMd5 the hex MD5 to expect, or {@code null} to check the length only
     */
    CheckedDownload(InputStream body, String object, long expectedLength, String expectedMd5) {
        this.body = body;
        this.object = object;
        this.expectedLength = expectedLength;
        this.expectedMd5 = expectedMd5;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = body.read(b, off, len);
        if (n > 0) {
            md5.update(b, off, n);
            received += n;
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    private void verify() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedLength >= 0 && received != expectedLength) {
            throw new IOException("object " + object + " ended after " + received + " of its " + expectedLength
                    + " bytes: the connection was cut or the object changed while being read");
        }
        if (expectedMd5 != null) {
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equalsIgnoreCase(expectedMd5)) {
                throw new IOException("object " + object + " arrived damaged: its MD5 is " + actual
                        + " but Swift announced ETag " + expectedMd5);
            }
        }
    }
}

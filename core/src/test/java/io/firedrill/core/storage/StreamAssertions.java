package io.firedrill.core.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Compares two streams chunk by chunk, so objects of any size can be checked without buffering them. */
public final class StreamAssertions {
    private static final int CHUNK = 64 * 1024;

    private StreamAssertions() {
    }

    /** Fails, naming the first differing offset, unless both streams yield the same bytes. Closes both. */
    public static void assertSameContent(InputStream expected, InputStream actual, String what) {
        try (InputStream e = expected; InputStream a = actual) {
            byte[] expectedChunk = new byte[CHUNK];
            byte[] actualChunk = new byte[CHUNK];
            long offset = 0;
            while (true) {
                int n = e.readNBytes(expectedChunk, 0, CHUNK);
                int m = a.readNBytes(actualChunk, 0, CHUNK);
                int common = Math.min(n, m);
                int mismatch = Arrays.mismatch(expectedChunk, 0, common, actualChunk, 0, common);
                if (mismatch >= 0) {
                    fail(what + ": content differs at byte " + (offset + mismatch));
                }
                if (n != m) {
                    fail(what + ": expected " + (n < m ? "end of content" : "more bytes") + " at byte "
                            + (offset + common));
                }
                if (n < CHUNK) {
                    return;
                }
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": reading failed", e);
        }
    }
}

package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The MD5 of each segment of a payload, in one streaming pass, so that every upload can carry its {@code ETag} and
 * Swift refuses what arrives damaged. The pass also checks that the payload yields exactly its announced length.
 */
final class PayloadDigest {
    private static final int BUFFER = 64 * 1024;

    private PayloadDigest() {
    }

    /** The hex MD5 of each {@code segmentSize} bytes of the payload (the last segment may be shorter). */
    static List<String> segments(Payload payload, long segmentSize, String object, String where) {
        long length = payload.length();
        List<String> digests = new ArrayList<>();
        MessageDigest md5 = md5();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        long inSegment = 0;
        try (InputStream in = payload.open()) {
            while (true) {
                int want = (int) Math.min(buffer.length, segmentSize - inSegment);
                int n = in.read(buffer, 0, want);
                if (n < 0) {
                    break;
                }
                md5.update(buffer, 0, n);
                total += n;
                inSegment += n;
                if (total > length) {
                    throw mismatch(object, where, "more than the announced " + length + " bytes");
                }
                if (inSegment == segmentSize) {
                    digests.add(HexFormat.of().formatHex(md5.digest()));
                    inSegment = 0;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new StorageException("cannot read the payload for " + object + " while storing it in " + where
                    + ": " + cause.getMessage() + "; nothing was stored", "check the source the payload reads from",
                    false, cause);
        }
        if (total != length) {
            throw mismatch(object, where, total + " bytes instead of the announced " + length);
        }
        if (inSegment > 0 || digests.isEmpty()) {
            digests.add(HexFormat.of().formatHex(md5.digest()));
        }
        return digests;
    }

    /** The hex MD5 of a string's UTF-8 bytes (an SLO's ETag is that of its segments' ETags, concatenated). */
    static String of(String text) {
        return HexFormat.of().formatHex(md5().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
        }
    }

    private static StorageException mismatch(String object, String where, String what) {
        return new StorageException("the payload for " + object + " yielded " + what + " while being stored in "
                + where + "; nothing was stored", "the Payload's length() must match what its open() stream yields",
                false, null);
    }
}

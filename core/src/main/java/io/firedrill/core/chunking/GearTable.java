package io.firedrill.core.chunking;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256 pseudo-random 64-bit values of the gear rolling hash, one per byte value, derived from a
 * per-repository secret so that chunk boundaries are keyed: without the secret, nobody can predict where
 * known content is cut, which would otherwise leak file fingerprints through chunk sizes.
 *
 * <p>Derivation: value block {@code i} (0..63) is {@code HMAC-SHA256(seed, "firedrill/gear/v1" || i)} with
 * {@code i} as a 4-byte big-endian counter; the 64 outputs of 32 bytes are read as 256 little-endian longs.
 * This derivation is part of the repository format: changing it moves every stream chunk boundary.
 */
public final class GearTable {
    /** Length of the secret seed in bytes. */
    public static final int SEED_LENGTH = 32;
    private static final int SIZE = 256;
    private static final byte[] LABEL = "firedrill/gear/v1".getBytes(StandardCharsets.US_ASCII);

    private final long[] values;

    private GearTable(long[] values) {
        this.values = values;
    }

    /**
     * Derives the table from a repository's secret seed.
     *
     * @param seed32 exactly {@value #SEED_LENGTH} secret bytes; not retained
     * @return the table
     * @throws IllegalArgumentException if the seed is not {@value #SEED_LENGTH} bytes long
     */
    public static GearTable fromSeed(byte[] seed32) {
        if (seed32 == null || seed32.length != SEED_LENGTH) {
            throw new IllegalArgumentException("gear seed must be " + SEED_LENGTH + " bytes, was "
                    + (seed32 == null ? "null" : seed32.length + " bytes"));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed32, "HmacSHA256"));
            long[] values = new long[SIZE];
            byte[] message = Arrays.copyOf(LABEL, LABEL.length + Integer.BYTES);
            int perBlock = mac.getMacLength() / Long.BYTES;
            for (int block = 0; block * perBlock < SIZE; block++) {
                ByteBuffer.wrap(message, LABEL.length, Integer.BYTES).putInt(block);
                ByteBuffer out = ByteBuffer.wrap(mac.doFinal(message)).order(ByteOrder.LITTLE_ENDIAN);
                for (int j = 0; j < perBlock; j++) {
                    values[block * perBlock + j] = out.getLong();
                }
            }
            return new GearTable(values);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * The value for one byte.
     *
     * @param byteValue 0..255
     * @return its pseudo-random 64-bit value
     */
    public long value(int byteValue) {
        return values[byteValue];
    }

    /** A private copy of the 256 values, for hot loops that index an array directly. */
    long[] toArray() {
        return values.clone();
    }
}

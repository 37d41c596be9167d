package io.firedrill.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Seals without encryption, for repositories created explicitly unencrypted. Output:
 * {@code 0x00 || plaintext || first 16 bytes of SHA-256(aad || plaintext)}. It detects accidental damage
 * and misplaced objects, not deliberate tampering: anyone can compute the checksum.
 */
public final class ChecksumSealer implements Sealer {
    /** The format byte of objects sealed by this class. */
    public static final byte FORMAT = 0x00;

    private static final int CHECKSUM_BYTES = 16;
    private static final int OVERHEAD = 1 + CHECKSUM_BYTES;
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(ChecksumSealer::newDigest);

    @Override
    public byte[] seal(byte[] plaintext, int offset, int length, byte[] aad) {
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        byte[] out = new byte[length + OVERHEAD];
        out[0] = FORMAT;
        System.arraycopy(plaintext, offset, out, 1, length);
        byte[] checksum = checksum(aad, plaintext, offset, length);
        System.arraycopy(checksum, 0, out, 1 + length, CHECKSUM_BYTES);
        return out;
    }

    @Override
    public byte[] open(byte[] sealed, int offset, int length, byte[] aad) throws IntegrityException {
        Objects.checkFromIndexSize(offset, length, sealed.length);
        if (length < OVERHEAD) {
            throw new IntegrityException("the sealed object is too short: " + length
                    + " bytes, a checksummed object has at least " + OVERHEAD);
        }
        if (sealed[offset] != FORMAT) {
            throw new IntegrityException(String.format(
                    "the sealed object starts with format byte 0x%02x, an unencrypted object expects 0x%02x",
                    sealed[offset] & 0xff, FORMAT));
        }
        int plainLength = length - OVERHEAD;
        byte[] expected = checksum(aad, sealed, offset + 1, plainLength);
        byte[] actual = new byte[CHECKSUM_BYTES];
        System.arraycopy(sealed, offset + 1 + plainLength, actual, 0, CHECKSUM_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new IntegrityException("checksum mismatch: the object was altered or belongs to another context");
        }
        byte[] plaintext = new byte[plainLength];
        System.arraycopy(sealed, offset + 1, plaintext, 0, plainLength);
        return plaintext;
    }

    @Override
    public int overhead(int length) {
        return OVERHEAD;
    }

    @Override
    public String toString() {
        return "ChecksumSealer[unencrypted, SHA-256/128]";
    }

    private static byte[] checksum(byte[] aad, byte[] data, int offset, int length) {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        if (aad != null) {
            digest.update(aad);
        }
        digest.update(data, offset, length);
        byte[] full = digest.digest();
        byte[] truncated = new byte[CHECKSUM_BYTES];
        System.arraycopy(full, 0, truncated, 0, CHECKSUM_BYTES);
        return truncated;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK does not provide SHA-256", e);
        }
    }
}

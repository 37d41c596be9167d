package io.firedrill.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals with AES-256-GCM in segments of 16 KiB of plaintext:
 * {@code 0x01 || nonce (12 random bytes) || segment_0 || … || segment_n-1}, each segment its GCM ciphertext
 * followed by its 16-byte tag. Segment {@code i} uses the nonce with {@code i} (32-bit big-endian) XORed into
 * its last four bytes, and authenticates {@code aad || i (u32 BE) || last (1 byte: 1 on the final segment,
 * else 0)}, so segments cannot be reordered, dropped or truncated. A plaintext of {@code L} bytes has
 * {@code max(1, ceil(L / 16384))} segments; an empty plaintext is one empty segment.
 *
 * <p>Why segments: HotSpot (JDK 17) compiles its AES-GCM intrinsics only after many calls, so one GCM
 * operation per megabyte chunk runs interpreted for the first gigabytes of a backup at a fraction of the
 * hardware's speed; 16 KiB segments reach full speed within the first hundred megabytes, for 0.1% of size.
 */
public final class AesGcmSealer implements Sealer {
    /** The format byte of objects sealed by this class. */
    public static final byte FORMAT = 0x01;
    /** Plaintext bytes per segment. */
    public static final int SEGMENT_BYTES = 16 * 1024;

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES;
    private static final int SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
    private static final byte[] NO_AAD = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcmSealer::newCipher);

    private final SecretKeySpec key;

    /** @param key the 32-byte AES-256 key; it is copied */
    public AesGcmSealer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256-GCM key has 32 bytes, this one has " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(byte[] plaintext, int offset, int length, byte[] aad) {
        byte[] out = new byte[length + overhead(length)];
        sealInto(plaintext, offset, length, aad, out, 0);
        return out;
    }

    @Override
    public int sealInto(byte[] plaintext, int offset, int length, byte[] aad, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        int total = length + overhead(length);
        Objects.checkFromIndexSize(outOffset, total, out.length);
        out[outOffset] = FORMAT;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, outOffset + 1, NONCE_BYTES);
        Cipher cipher = CIPHERS.get();
        int segments = segments(length);
        int written = HEADER_BYTES;
        try {
            for (int i = 0; i < segments; i++) {
                int from = i * SEGMENT_BYTES;
                int n = Math.min(SEGMENT_BYTES, length - from);
                init(cipher, Cipher.ENCRYPT_MODE, nonce, i, i == segments - 1, aad);
                written += cipher.doFinal(plaintext, offset + from, n, out, outOffset + written);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed in this JDK", e);
        }
        if (written != total) {
            throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + total);
        }
        return total;
    }

    @Override
    public byte[] open(byte[] sealed, int offset, int length, byte[] aad) throws IntegrityException {
        byte[] plain = new byte[Math.max(0, plaintextLength(length))];
        openInto(sealed, offset, length, aad, plain);
        return plain;
    }

    @Override
    public int openInto(byte[] sealed, int offset, int length, byte[] aad, byte[] out) throws IntegrityException {
        Objects.checkFromIndexSize(offset, length, sealed.length);
        if (length < HEADER_BYTES + TAG_BYTES) {
            throw new IntegrityException("the sealed object is too short: " + length
                    + " bytes, an AES-GCM object has at least " + (HEADER_BYTES + TAG_BYTES));
        }
        if (sealed[offset] != FORMAT) {
            throw new IntegrityException(String.format(
                    "the sealed object starts with format byte 0x%02x, AES-GCM expects 0x%02x",
                    sealed[offset] & 0xff, FORMAT));
        }
        int body = length - HEADER_BYTES;
        int segments = (body + SEALED_SEGMENT_BYTES - 1) / SEALED_SEGMENT_BYTES;
        int lastSealed = body - (segments - 1) * SEALED_SEGMENT_BYTES;
        if (lastSealed < TAG_BYTES) {
            throw new IntegrityException("the sealed object's last segment is shorter than a tag: it was truncated");
        }
        int plainLength = body - segments * TAG_BYTES;
        if (out.length < plainLength) {
            throw new IllegalArgumentException("output buffer of " + out.length + " bytes < " + plainLength);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(sealed, offset + 1, nonce, 0, NONCE_BYTES);
        Cipher cipher = CIPHERS.get();
        int read = offset + HEADER_BYTES;
        int produced = 0;
        try {
            for (int i = 0; i < segments; i++) {
                int n = i == segments - 1 ? lastSealed : SEALED_SEGMENT_BYTES;
                init(cipher, Cipher.DECRYPT_MODE, nonce, i, i == segments - 1, aad);
                produced += cipher.doFinal(sealed, read, n, out, produced);
                read += n;
            }
            return produced;
        } catch (AEADBadTagException e) {
            throw new IntegrityException(
                    "authentication tag mismatch: the object was altered, or the key or context is wrong");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed in this JDK", e);
        }
    }

    /** The plaintext length of a sealed object of {@code sealedLength} bytes, or -1 if it cannot be one. */
    private static int plaintextLength(int sealedLength) {
        int body = sealedLength - HEADER_BYTES;
        if (body < TAG_BYTES) {
            return -1;
        }
        int segments = (body + SEALED_SEGMENT_BYTES - 1) / SEALED_SEGMENT_BYTES;
        return body - segments * TAG_BYTES;
    }

    @Override
    public int overhead(int length) {
        return HEADER_BYTES + segments(length) * TAG_BYTES;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AesGcmSealer[AES-256-GCM]";
    }

    private static int segments(int length) {
        return Math.max(1, (length + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
    }

    private void init(Cipher cipher, int mode, byte[] nonce, int index, boolean last, byte[] aad)
            throws GeneralSecurityException {
        byte[] segmentNonce = nonce.clone();
        segmentNonce[8] ^= (byte) (index >>> 24);
        segmentNonce[9] ^= (byte) (index >>> 16);
        segmentNonce[10] ^= (byte) (index >>> 8);
        segmentNonce[11] ^= (byte) index;
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, segmentNonce));
        cipher.updateAAD(aad == null ? NO_AAD : aad);
        cipher.updateAAD(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8),
            (byte) index, (byte) (last ? 1 : 0)});
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK does not provide AES/GCM/NoPadding", e);
        }
    }
}

package io.firedrill.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals with AES-256-GCM. Output: {@code 0x01 || nonce (12 random bytes) || ciphertext || tag (16 bytes)}.
 * The aad is authenticated by GCM. One {@link Cipher} is kept per thread and initialised per call.
 */
public final class AesGcmSealer implements Sealer {
    /** The format byte of objects sealed by this class. */
    public static final byte FORMAT = 0x01;

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES;
    private static final int OVERHEAD = HEADER_BYTES + TAG_BYTES;
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
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        byte[] out = new byte[length + OVERHEAD];
        out[0] = FORMAT;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad == null ? NO_AAD : aad);
            int written = cipher.doFinal(plaintext, offset, length, out, HEADER_BYTES);
            if (written != length + TAG_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + (length + TAG_BYTES));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed in this JDK", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, int offset, int length, byte[] aad) throws IntegrityException {
        Objects.checkFromIndexSize(offset, length, sealed.length);
        if (length < OVERHEAD) {
            throw new IntegrityException("the sealed object is too short: " + length + " bytes, an AES-GCM object has at least "
                    + OVERHEAD);
        }
        if (sealed[offset] != FORMAT) {
            throw new IntegrityException(String.format("the sealed object starts with format byte 0x%02x, AES-GCM expects 0x%02x",
                    sealed[offset] & 0xff, FORMAT));
        }
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset + 1, NONCE_BYTES));
            cipher.updateAAD(aad == null ? NO_AAD : aad);
            return cipher.doFinal(sealed, offset + HEADER_BYTES, length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("authentication tag mismatch: the object was altered, or the key or context is wrong");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed in this JDK", e);
        }
    }

    @Override
    public int overhead() {
        return OVERHEAD;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AesGcmSealer[AES-256-GCM]";
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK does not provide AES/GCM/NoPadding", e);
        }
    }
}

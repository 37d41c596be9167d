package io.firedrill.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes keyed chunk ids: HMAC-SHA256 under the repository's id key over the plaintext, so ids reveal
 * nothing about content to someone without the key. Thread-safe (one {@link Mac} per thread).
 */
public final class BlobIdHasher {
    /** The length of an id in bytes. */
    public static final int ID_BYTES = 32;

    private final ThreadLocal<Mac> macs;

    /** @param idKey the 32-byte id key ({@link MasterKeys#idKey()}); it is copied */
    public BlobIdHasher(byte[] idKey) {
        Objects.requireNonNull(idKey, "idKey");
        if (idKey.length != 32) {
            throw new IllegalArgumentException("an id key has 32 bytes, this one has " + idKey.length);
        }
        SecretKeySpec key = new SecretKeySpec(idKey, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** The 32-byte id of {@code length} bytes of {@code data} starting at {@code offset}. */
    public byte[] hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    /** The 32-byte id of all of {@code data}. */
    public byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "BlobIdHasher[HMAC-SHA256]";
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK does not provide HmacSHA256", e);
        }
    }
}

package io.firedrill.core.crypto;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secrets of a repository. {@code idKey} keys the chunk ids ({@link BlobIdHasher}), {@code metaKey}
 * seals index and catalog objects, and the X25519 data key pair wraps the per-session data keys that seal
 * blobs ({@link SessionKey}, {@link DataKeyCache}). A write-only copy lacks the data private key: it can
 * add backups but not read blobs back.
 *
 * <p>Arrays are copied in and out. {@link #toString()} never shows key bytes.
 *
 * @param idKey 32-byte HMAC key for chunk ids
 * @param metaKey 32-byte AES-256-GCM key for metadata objects
 * @param dataPublicKey raw 32-byte X25519 public key
 * @param dataPrivateKey raw 32-byte X25519 private scalar, or {@code null} for a write-only key
 */
public record MasterKeys(byte[] idKey, byte[] metaKey, byte[] dataPublicKey, byte[] dataPrivateKey) {
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates the lengths and copies the arrays. */
    public MasterKeys {
        idKey = copy(idKey, "idKey");
        metaKey = copy(metaKey, "metaKey");
        dataPublicKey = copy(dataPublicKey, "dataPublicKey");
        dataPrivateKey = dataPrivateKey == null ? null : copy(dataPrivateKey, "dataPrivateKey");
    }

    /** Fresh random keys with a full (readable) data key pair. */
    public static MasterKeys generate() {
        byte[] idKey = new byte[KEY_BYTES];
        byte[] metaKey = new byte[KEY_BYTES];
        RANDOM.nextBytes(idKey);
        RANDOM.nextBytes(metaKey);
        KeyPair pair = X25519Keys.generate();
        byte[] privateKey = X25519Keys.rawPrivate(pair.getPrivate());
        MasterKeys keys = new MasterKeys(idKey, metaKey, X25519Keys.rawPublic(pair.getPublic()), privateKey);
        Arrays.fill(idKey, (byte) 0);
        Arrays.fill(metaKey, (byte) 0);
        Arrays.fill(privateKey, (byte) 0);
        return keys;
    }

    /** The raw X25519 public key of a raw 32-byte private scalar: X25519(scalar, 9). */
    public static byte[] publicKeyOf(byte[] dataPrivateKey) {
        return X25519Keys.publicKeyOf(dataPrivateKey);
    }

    /** Whether these keys can read blobs (they hold the data private key). */
    public boolean canRead() {
        return dataPrivateKey != null;
    }

    /** A copy without the data private key. */
    public MasterKeys writeOnly() {
        return new MasterKeys(idKey, metaKey, dataPublicKey, null);
    }

    @Override
    public byte[] idKey() {
        return idKey.clone();
    }

    @Override
    public byte[] metaKey() {
        return metaKey.clone();
    }

    @Override
    public byte[] dataPublicKey() {
        return dataPublicKey.clone();
    }

    /** The data private key (a copy), or {@code null} for a write-only key. */
    @Override
    public byte[] dataPrivateKey() {
        return dataPrivateKey == null ? null : dataPrivateKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKeys other
                && Arrays.equals(idKey, other.idKey)
                && Arrays.equals(metaKey, other.metaKey)
                && Arrays.equals(dataPublicKey, other.dataPublicKey)
                && Arrays.equals(dataPrivateKey, other.dataPrivateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dataPublicKey);
    }

    /** Shows the kind only, never key bytes. */
    @Override
    public String toString() {
        return "MasterKeys[" + (canRead() ? "full" : "write-only") + "]";
    }

    private static byte[] copy(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " has 32 bytes, this one has " + key.length);
        }
        return key.clone();
    }
}

package io.firedrill.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Seals a small secret to an X25519 public key (ECIES). Output: {@code ephemeralPublic (32) ||} an
 * {@link AesGcmSealer} object under {@code HKDF-SHA256(ikm = X25519(ephemeral, recipient),
 * salt = ephemeralPublic || recipientPublic, info = "firedrill x25519 box v1" || context)}, with the
 * context as aad. Keys are raw 32-byte RFC 7748 encodings, as {@link io.firedrill.api.Identity} uses.
 */
public final class X25519Box {
    private static final byte[] INFO_PREFIX = "firedrill x25519 box v1".getBytes(StandardCharsets.UTF_8);
    private static final int KEY_BYTES = X25519Keys.KEY_BYTES;

    private X25519Box() {
    }

    /**
     * Seals {@code secret} so that only the holder of the private key matching {@code recipientPublicKey} can open it.
     *
     * @param recipientPublicKey the raw 32-byte X25519 public key
     * @param secret the secret to seal
     * @param context binds the box to its use; the same context must be given to {@link #open}
     */
    public static byte[] seal(byte[] recipientPublicKey, byte[] secret, byte[] context) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        byte[] context0 = context == null ? new byte[0] : context;
        byte[] recipient = recipientPublicKey.clone();
        if (recipient.length == KEY_BYTES) {
            recipient[KEY_BYTES - 1] &= 0x7f; // RFC 7748: the top bit is ignored
        }
        KeyPair ephemeral = X25519Keys.generate();
        byte[] ephemeralPublic = X25519Keys.rawPublic(ephemeral.getPublic());
        byte[] shared;
        try {
            shared = X25519Keys.agree(ephemeral.getPrivate(), X25519Keys.toPublic(recipient));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the recipient public key is not usable: it is a low-order X25519 point", e);
        }
        byte[] wrapKey = wrapKey(shared, ephemeralPublic, recipient, context0);
        try {
            byte[] sealed = new AesGcmSealer(wrapKey).seal(secret, context0);
            byte[] out = new byte[KEY_BYTES + sealed.length];
            System.arraycopy(ephemeralPublic, 0, out, 0, KEY_BYTES);
            System.arraycopy(sealed, 0, out, KEY_BYTES, sealed.length);
            return out;
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    /**
     * Opens a box made by {@link #seal}.
     *
     * @param privateKey the raw 32-byte X25519 private scalar
     * @throws IntegrityException when the box was altered, is for another key, or the context differs
     */
    public static byte[] open(byte[] privateKey, byte[] box, byte[] context) throws IntegrityException {
        return open(X25519Keys.toPrivate(privateKey), X25519Keys.publicKeyOf(privateKey), box, context);
    }

    /** Opens with a key already converted, and its public half, to save a scalar multiplication. */
    static byte[] open(PrivateKey privateKey, byte[] publicKey, byte[] box, byte[] context) throws IntegrityException {
        Objects.requireNonNull(box, "box");
        byte[] context0 = context == null ? new byte[0] : context;
        if (box.length < KEY_BYTES + 1) {
            throw new IntegrityException("the X25519 box is too short: " + box.length + " bytes");
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(box, 0, KEY_BYTES);
        byte[] shared;
        try {
            shared = X25519Keys.agree(privateKey, X25519Keys.toPublic(ephemeralPublic));
        } catch (InvalidKeyException e) {
            throw new IntegrityException("the X25519 box carries an unusable ephemeral key (a low-order point)");
        }
        byte[] wrapKey = wrapKey(shared, ephemeralPublic, publicKey, context0);
        try {
            return new AesGcmSealer(wrapKey).open(box, KEY_BYTES, box.length - KEY_BYTES, context0);
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    private static byte[] wrapKey(byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic, byte[] context) {
        byte[] salt = new byte[2 * KEY_BYTES];
        System.arraycopy(ephemeralPublic, 0, salt, 0, KEY_BYTES);
        System.arraycopy(recipientPublic, 0, salt, KEY_BYTES, KEY_BYTES);
        byte[] info = new byte[INFO_PREFIX.length + context.length];
        System.arraycopy(INFO_PREFIX, 0, info, 0, INFO_PREFIX.length);
        System.arraycopy(context, 0, info, INFO_PREFIX.length, context.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, salt, info));
        byte[] key = new byte[AesGcmSealer.KEY_BYTES];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(shared, (byte) 0);
        return key;
    }
}

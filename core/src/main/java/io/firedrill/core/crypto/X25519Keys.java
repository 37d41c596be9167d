package io.firedrill.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * Converts between raw 32-byte X25519 keys (RFC 7748 little-endian encoding, as {@link io.firedrill.api.Identity}
 * uses) and JDK keys, and runs the X25519 function.
 */
final class X25519Keys {
    static final int KEY_BYTES = 32;
    private static final byte[] BASE_POINT = new byte[KEY_BYTES];

    static {
        BASE_POINT[0] = 9;
    }

    private X25519Keys() {
    }

    /** A fresh JDK key pair. */
    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate X25519 keys", e);
        }
    }

    /** The raw 32-byte private scalar of a JDK private key. */
    static byte[] rawPrivate(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar()
                .orElseThrow(() -> new IllegalStateException("the JDK did not expose the X25519 private scalar"));
    }

    /** The raw 32-byte little-endian u-coordinate of a JDK public key. */
    static byte[] rawPublic(PublicKey key) {
        BigInteger u = ((XECPublicKey) key).getU();
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        // toByteArray may carry a leading sign byte; copy the low 32 bytes reversed.
        for (int i = 0; i < KEY_BYTES && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    /** A JDK public key from the raw 32 bytes (the top bit is cleared, per RFC 7748). */
    static PublicKey toPublic(byte[] raw) {
        checkLength(raw, "public");
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = raw[KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        try {
            return KeyFactory.getInstance("X25519").generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot use X25519 public keys", e);
        }
    }

    /** A JDK private key from the raw 32-byte scalar. */
    static PrivateKey toPrivate(byte[] raw) {
        checkLength(raw, "private");
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot use X25519 private keys", e);
        }
    }

    /**
     * X25519(private, public): the raw 32-byte shared secret.
     *
     * @throws InvalidKeyException when the public key is a low-order point (the result would be zero)
     */
    static byte[] agree(PrivateKey privateKey, PublicKey publicKey) throws InvalidKeyException {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            byte[] shared = agreement.generateSecret();
            if (Arrays.equals(shared, new byte[KEY_BYTES])) {
                throw new InvalidKeyException("the X25519 shared secret is zero (low-order public key)");
            }
            return shared;
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run X25519 key agreement", e);
        }
    }

    /** The raw public key of a raw private scalar: X25519(scalar, 9). */
    static byte[] publicKeyOf(byte[] rawPrivate) {
        try {
            return agree(toPrivate(rawPrivate), toPublic(BASE_POINT));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the X25519 base point was rejected by this JDK", e);
        }
    }

    private static void checkLength(byte[] raw, String which) {
        Objects.requireNonNull(raw, which + " key");
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 " + which + " key has 32 bytes, this one has " + raw.length);
        }
    }
}

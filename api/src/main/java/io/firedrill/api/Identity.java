package io.firedrill.api;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An X25519 key pair that can open repositories created for its {@link #recipient()}. The private half is
 * a secret: {@link #toString()} never shows it; store {@link #encoded()} like any other secret.
 */
public final class Identity {
    private static final String PREFIX = "FIREDRILL-IDENTITY-X25519:";

    private final byte[] privateKey;
    private final Recipient recipient;

    private Identity(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        this.recipient = new Recipient(publicKeyOf(this.privateKey));
    }

    /** Generates a fresh identity. */
    public static Identity generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar()
                    .orElseThrow(() -> new IllegalStateException("the JDK did not expose the X25519 scalar"));
            return new Identity(scalar);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate X25519 keys", e);
        }
    }

    /** Parses the form produced by {@link #encoded()}. */
    public static Identity parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String text = encoded.strip();
        if (!text.startsWith(PREFIX)) {
            throw new InvalidConfigurationException("the identity is malformed (the value is not shown: it is secret)",
                    "an identity starts with " + PREFIX + "; Identity.generate().encoded() makes one");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("the identity is not valid base64 (the value is not shown)", null);
        }
        if (key.length != 32) {
            throw new InvalidConfigurationException("an identity holds 32 bytes, this one holds " + key.length, null);
        }
        return new Identity(key);
    }

    /** The secret text form, {@code FIREDRILL-IDENTITY-X25519:<base64>}. Keep it like a password. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(privateKey);
    }

    /** The 32-byte private scalar (a copy). */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The public half, to give to hosts that write backups. */
    public Recipient recipient() {
        return recipient;
    }

    /** Shows the recipient only; never the secret. */
    @Override
    public String toString() {
        return "Identity[" + recipient + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && Arrays.equals(privateKey, other.privateKey);
    }

    @Override
    public int hashCode() {
        return recipient.hashCode();
    }

    private static byte[] publicKeyOf(byte[] scalar) {
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            XECPrivateKey priv = (XECPrivateKey) factory.generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            // Derive the public key by agreeing with the base point u = 9.
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            XECPublicKey base = (XECPublicKey) factory.generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
            agreement.doPhase(base, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot use X25519 keys", e);
        }
    }
}

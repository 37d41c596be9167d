package io.firedrill.api;

import java.util.Base64;
import java.util.Objects;

/**
 * The public half of an {@link Identity}: an X25519 public key. A repository created with recipients can
 * be opened for reading only with a matching identity; a host that holds just the recipient (and a
 * write-only passphrase) can write backups it cannot read.
 *
 * @param publicKey the 32-byte X25519 public key
 */
public record Recipient(byte[] publicKey) {
    private static final String PREFIX = "firedrill-recipient-x25519:";

    /** Validates and copies the key. */
    public Recipient {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != 32) {
            throw new InvalidConfigurationException("an X25519 public key has 32 bytes, this one has "
                    + publicKey.length, null);
        }
        publicKey = publicKey.clone();
    }

    /** The key bytes (a copy). */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Parses the text form {@code firedrill-recipient-x25519:<base64>} produced by {@link #toString()}. */
    public static Recipient parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new InvalidConfigurationException("recipient '" + text + "' is malformed",
                    "a recipient looks like " + PREFIX + "<base64>; Identity.generate().recipient() makes one");
        }
        try {
            return new Recipient(Base64.getDecoder().decode(text.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("recipient '" + text + "' is not valid base64", null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recipient r && java.util.Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }

    /** The text form, safe to print and share. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(publicKey);
    }
}

package io.firedrill.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A writer session's random data key. Blobs are sealed with {@link #sealer()}; the {@link #envelope()} (the
 * key sealed to the repository's data public key) is stored at the front of each pack so that a reader
 * holding the data private key can recover the key ({@link DataKeyCache}). A write-only host can create
 * session keys but cannot open other sessions' envelopes. {@link #toString()} never shows the key.
 */
public final class SessionKey {
    /** The {@link X25519Box} context of data key envelopes. */
    static final byte[] CONTEXT = "firedrill data key v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final byte[] envelope;
    private final Sealer sealer;

    private SessionKey(byte[] key, byte[] envelope) {
        this.key = key;
        this.envelope = envelope;
        this.sealer = new AesGcmSealer(key);
    }

    /**
     * Creates a fresh random data key and seals it to the repository's data public key.
     *
     * @param dataPublicKey the raw 32-byte X25519 data public key ({@link MasterKeys#dataPublicKey()})
     */
    public static SessionKey create(byte[] dataPublicKey) {
        byte[] key = new byte[AesGcmSealer.KEY_BYTES];
        RANDOM.nextBytes(key);
        return new SessionKey(key, X25519Box.seal(dataPublicKey, key, CONTEXT));
    }

    /** The 32-byte data key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    /** The data key sealed to the data public key (a copy); store it with every pack of the session. */
    public byte[] envelope() {
        return envelope.clone();
    }

    /** The AES-256-GCM sealer under the data key. */
    public Sealer sealer() {
        return sealer;
    }

    @Override
    public String toString() {
        return "SessionKey[AES-256-GCM, envelope " + envelope.length + " bytes]";
    }
}

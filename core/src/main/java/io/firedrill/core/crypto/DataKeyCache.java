package io.firedrill.core.crypto;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens data key envelopes ({@link SessionKey#envelope()}) with the repository's data private key and
 * remembers the result, so a reader does one X25519 per writer session rather than one per pack. Holds at
 * most {@value #CAPACITY} sessions (least recently used are dropped). Thread-safe.
 */
public final class DataKeyCache {
    /** The number of session keys kept. */
    public static final int CAPACITY = 1024;

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final Map<ByteBuffer, Sealer> sealers;

    /** @param dataPrivateKey the raw 32-byte X25519 data private key ({@link MasterKeys#dataPrivateKey()}) */
    public DataKeyCache(byte[] dataPrivateKey) {
        this(dataPrivateKey, CAPACITY);
    }

    /** With another capacity, for tests. */
    DataKeyCache(byte[] dataPrivateKey, int capacity) {
        Objects.requireNonNull(dataPrivateKey, "dataPrivateKey (a write-only key cannot read blobs)");
        if (capacity < 1) {
            throw new IllegalArgumentException("the cache capacity must be at least 1, not " + capacity);
        }
        this.sealers = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Sealer> eldest) {
                return size() > capacity;
            }
        };
        this.privateKey = X25519Keys.toPrivate(dataPrivateKey);
        this.publicKey = X25519Keys.publicKeyOf(dataPrivateKey);
    }

    /**
     * The sealer of the session whose data key {@code envelope} holds.
     *
     * @throws IntegrityException when the envelope was altered or was sealed to another data key
     */
    public Sealer sealerFor(byte[] envelope) throws IntegrityException {
        Objects.requireNonNull(envelope, "envelope");
        ByteBuffer id = ByteBuffer.wrap(envelope.clone());
        synchronized (sealers) {
            Sealer known = sealers.get(id);
            if (known != null) {
                return known;
            }
        }
        byte[] key = X25519Box.open(privateKey, publicKey, envelope, SessionKey.CONTEXT);
        Sealer sealer;
        try {
            if (key.length != AesGcmSealer.KEY_BYTES) {
                throw new IntegrityException("the data key envelope holds " + key.length + " bytes, a data key has "
                        + AesGcmSealer.KEY_BYTES);
            }
            sealer = new AesGcmSealer(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        synchronized (sealers) {
            sealers.putIfAbsent(id, sealer);
            return sealers.get(id);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        synchronized (sealers) {
            return "DataKeyCache[" + sealers.size() + " session keys]";
        }
    }
}

package io.firedrill.core.crypto;

import java.util.Arrays;

/**
 * The secrets inside a key file, in a fixed binary layout: {@code 0x01 (layout version) || 0x01 full or
 * 0x00 write-only || idKey (32) || metaKey (32) || dataPublicKey (32) || dataPrivateKey (32, full only)}.
 */
final class KeyPayload {
    private static final byte LAYOUT = 0x01;
    private static final byte FULL = 0x01;
    private static final byte WRITE_ONLY = 0x00;
    private static final int KEY_BYTES = 32;
    private static final int HEADER = 2;

    private KeyPayload() {
    }

    /** Encodes the keys; the caller zeroes the result after sealing it. */
    static byte[] encode(MasterKeys keys) {
        boolean full = keys.canRead();
        byte[] out = new byte[HEADER + (full ? 4 : 3) * KEY_BYTES];
        out[0] = LAYOUT;
        out[1] = full ? FULL : WRITE_ONLY;
        put(out, 0, keys.idKey());
        put(out, 1, keys.metaKey());
        put(out, 2, keys.dataPublicKey());
        if (full) {
            put(out, 3, keys.dataPrivateKey());
        }
        return out;
    }

    /**
     * Decodes keys written by {@link #encode}.
     *
     * @throws IllegalArgumentException with the reason when the layout is not one this version writes
     */
    static MasterKeys decode(byte[] payload) {
        if (payload.length < HEADER || payload[0] != LAYOUT) {
            throw new IllegalArgumentException("its secrets use an unknown layout");
        }
        boolean full = switch (payload[1]) {
            case FULL -> true;
            case WRITE_ONLY -> false;
            default -> throw new IllegalArgumentException("its secrets carry an unknown kind " + payload[1]);
        };
        int expected = HEADER + (full ? 4 : 3) * KEY_BYTES;
        if (payload.length != expected) {
            throw new IllegalArgumentException("its secrets hold " + payload.length + " bytes, expected " + expected);
        }
        byte[] idKey = get(payload, 0);
        byte[] metaKey = get(payload, 1);
        byte[] dataPublicKey = get(payload, 2);
        byte[] dataPrivateKey = full ? get(payload, 3) : null;
        try {
            if (full && !Arrays.equals(dataPublicKey, X25519Keys.publicKeyOf(dataPrivateKey))) {
                throw new IllegalArgumentException("its data public key does not match its data private key");
            }
            return new MasterKeys(idKey, metaKey, dataPublicKey, dataPrivateKey);
        } finally {
            Arrays.fill(idKey, (byte) 0);
            Arrays.fill(metaKey, (byte) 0);
            if (dataPrivateKey != null) {
                Arrays.fill(dataPrivateKey, (byte) 0);
            }
        }
    }

    private static void put(byte[] out, int slot, byte[] key) {
        System.arraycopy(key, 0, out, HEADER + slot * KEY_BYTES, KEY_BYTES);
        Arrays.fill(key, (byte) 0);
    }

    private static byte[] get(byte[] payload, int slot) {
        return Arrays.copyOfRange(payload, HEADER + slot * KEY_BYTES, HEADER + (slot + 1) * KEY_BYTES);
    }
}

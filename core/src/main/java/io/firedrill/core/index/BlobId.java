package io.firedrill.core.index;

import java.util.Arrays;
import java.util.HexFormat;

/** The id of a blob: the keyed hash (HMAC-SHA256 under the repository's id key) of its plaintext. */
public final class BlobId implements Comparable<BlobId> {
    /** Id length in bytes. */
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private BlobId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps 32 id bytes (copied). */
    public static BlobId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a blob id has 32 bytes, not " + bytes.length);
        }
        return new BlobId(bytes.clone());
    }

    /** Parses 64 hex digits. */
    public static BlobId parse(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a blob id has 64 hex digits, not '" + hex + "'");
        }
        return new BlobId(HEX.parseHex(hex));
    }

    /** The id bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether these are the id bytes. */
    public boolean matches(byte[] candidate) {
        return Arrays.equals(bytes, candidate);
    }

    /** The id as 64 lower-case hex digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(BlobId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

package io.firedrill.core.crypto;

/**
 * Seals small objects (metadata and blobs) so that any change to the bytes, or an attempt to open them in
 * another context, is detected. A sealed object starts with one format byte that names the sealer.
 * Implementations are thread-safe.
 *
 * <p>The additional authenticated data ({@code aad}) binds the object to its context (for example its
 * name or kind); it is not stored in the output and must be given again to {@link #open}. {@code null}
 * means no additional data and equals an empty array.
 */
public interface Sealer {

    /**
     * Seals {@code length} bytes of {@code plaintext} starting at {@code offset}.
     *
     * @return a new array of {@code length + overhead(length)} bytes
     */
    byte[] seal(byte[] plaintext, int offset, int length, byte[] aad);

    /**
     * Checks and opens {@code length} bytes of {@code sealed} starting at {@code offset}.
     *
     * @return the plaintext, a new array
     * @throws IntegrityException when the bytes are not what {@link #seal} produced with this key and aad
     */
    byte[] open(byte[] sealed, int offset, int length, byte[] aad) throws IntegrityException;

    /** The bytes {@link #seal} adds to a plaintext of {@code length} bytes. */
    int overhead(int length);

    /**
     * Seals into {@code out} at {@code outOffset} instead of a new array; returns the bytes written
     * ({@code length + overhead(length)}). The default copies; sealers on hot paths override it.
     */
    default int sealInto(byte[] plaintext, int offset, int length, byte[] aad, byte[] out, int outOffset) {
        byte[] sealed = seal(plaintext, offset, length, aad);
        System.arraycopy(sealed, 0, out, outOffset, sealed.length);
        return sealed.length;
    }

    /**
     * Opens into {@code out} from index 0 instead of a new array; returns the plaintext length. When it throws,
     * {@code out} may hold part of the plaintext and must be discarded. The default copies; hot-path sealers
     * override it.
     */
    default int openInto(byte[] sealed, int offset, int length, byte[] aad, byte[] out) throws IntegrityException {
        byte[] plain = open(sealed, offset, length, aad);
        System.arraycopy(plain, 0, out, 0, plain.length);
        return plain.length;
    }

    /** Seals the whole of {@code plaintext}. */
    default byte[] seal(byte[] plaintext, byte[] aad) {
        return seal(plaintext, 0, plaintext.length, aad);
    }

    /** Opens the whole of {@code sealed}. */
    default byte[] open(byte[] sealed, byte[] aad) throws IntegrityException {
        return open(sealed, 0, sealed.length, aad);
    }
}

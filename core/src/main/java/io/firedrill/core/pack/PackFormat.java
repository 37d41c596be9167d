package io.firedrill.core.pack;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the pack layout:
 * {@code "FDPK" | version u8 | envelopeLength u16 LE | envelope | blob* | sealedTrailer | trailerLength u32 LE}.
 */
public final class PackFormat {
    /** The first four bytes of every pack. */
    static final byte[] MAGIC = "FDPK".getBytes(StandardCharsets.US_ASCII);
    /** The pack format version. */
    static final int VERSION = 1;
    /** Associated data binding the trailer to its role. */
    static final byte[] TRAILER_AAD = "firedrill pack trailer".getBytes(StandardCharsets.US_ASCII);

    private PackFormat() {
    }

    /** Size of the fixed prefix before the envelope. */
    static int prefixLength(int envelopeLength) {
        return MAGIC.length + 1 + 2 + envelopeLength;
    }
}

package io.firedrill.core.pack;

import io.firedrill.api.CorruptObjectException;
import java.util.Arrays;

/** Parses the fixed parts of a pack held in memory: the prefix with its envelope, and the trailer position. */
public final class PackLayout {
    private PackLayout() {
    }

    /** The envelope from a pack's prefix, after checking magic and version. */
    public static byte[] envelope(byte[] pack, String object) {
        int base = PackFormat.MAGIC.length;
        if (pack.length < base + 3 + 4 || !Arrays.equals(pack, 0, base, PackFormat.MAGIC, 0, base)) {
            throw new CorruptObjectException(object, "it does not start like a pack");
        }
        if ((pack[base] & 0xff) != PackFormat.VERSION) {
            throw new CorruptObjectException(object, "unknown pack version " + (pack[base] & 0xff));
        }
        int length = (pack[base + 1] & 0xff) | (pack[base + 2] & 0xff) << 8;
        if (base + 3 + length > pack.length - 4) {
            throw new CorruptObjectException(object, "its envelope length " + length + " exceeds the pack");
        }
        return Arrays.copyOfRange(pack, base + 3, base + 3 + length);
    }

    /** Size of the prefix for an envelope length. */
    public static int prefixLength(int envelopeLength) {
        return PackFormat.prefixLength(envelopeLength);
    }

    /** Where the sealed trailer starts, from the length in the last four bytes. */
    public static int trailerStart(byte[] pack, String object) {
        int n = pack.length;
        long length = (pack[n - 4] & 0xffL) | (pack[n - 3] & 0xffL) << 8 | (pack[n - 2] & 0xffL) << 16
                | (pack[n - 1] & 0xffL) << 24;
        if (length <= 0 || length > n - 4 - PackFormat.prefixLength(0)) {
            throw new CorruptObjectException(object, "implausible trailer length " + length);
        }
        return (int) (n - 4 - length);
    }

    /** The associated data of trailers. */
    public static byte[] trailerAad() {
        return PackFormat.TRAILER_AAD.clone();
    }
}

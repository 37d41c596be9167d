package io.firedrill.core.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.firedrill.api.Compression;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes a chunk for storage as {@code flag || payload}: flag {@code 0x00} is the chunk stored as it is,
 * {@code 0x01} a single zstd frame. A chunk is stored raw when compression is off or when zstd would save less
 * than 1/32 of its size (incompressible data then costs one byte plus one compression attempt).
 *
 * <p>Integrity: frames are written with their content size and zstd's content checksum (XXH64, 4 bytes), and
 * decoding insists on both, so damage to a compressed payload is detected here. Raw payloads carry no checksum:
 * only their length is checked, and callers must verify content against the chunk's keyed hash, as they must
 * anyway, since neither check resists deliberate tampering.
 *
 * <p>Thread-safe: zstd contexts are kept per thread and reused.
 */
public final class BlobCodec {
    /** Flag of a payload stored as it is. */
    public static final byte RAW = 0x00;
    /** Flag of a payload that is one zstd frame. */
    public static final byte ZSTD = 0x01;

    private static final ThreadLocal<Compressor> COMPRESSOR = ThreadLocal.withInitial(Compressor::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSOR = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private final int level;

    /**
     * A codec for the given settings.
     *
     * @param compression the repository's compression settings
     */
    public BlobCodec(Compression compression) {
        this.level = Objects.requireNonNull(compression, "compression").level();
    }

    /**
     * Encodes bytes {@code [offset, offset + length)} of {@code src}.
     *
     * @return a new array: the flag byte followed by the payload
     */
    public byte[] encode(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (level > 0 && length > 0) {
            byte[] compressed = COMPRESSOR.get().compress(level, src, offset, length);
            if (compressed != null) {
                return compressed;
            }
        }
        byte[] out = new byte[1 + length];
        out[0] = RAW;
        System.arraycopy(src, offset, out, 1, length);
        return out;
    }

    /**
     * Decodes bytes {@code [offset, offset + length)} of {@code encoded}, which must hold exactly
     * {@code expectedRawLength} bytes once decoded. Never allocates more than that, whatever the payload
     * claims, so a hostile or damaged blob cannot exhaust memory.
     *
     * @return a new array of exactly {@code expectedRawLength} bytes
     * @throws CorruptBlobException if the flag is unknown, the size differs, or zstd reports damage
     */
    /**
     * Like {@link #encode}, but returns a view of a per-thread buffer instead of a new array: no allocation
     * per chunk on the backup's hot path. The view is valid until this thread's next call.
     */
    public Encoded encodeView(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        Compressor compressor = COMPRESSOR.get();
        if (level > 0 && length > 0) {
            int size = compressor.compressInPlace(level, src, offset, length);
            if (size > 0) {
                return new Encoded(compressor.scratch, 0, size);
            }
        }
        byte[] scratch = compressor.ensure(1 + length);
        scratch[0] = RAW;
        System.arraycopy(src, offset, scratch, 1, length);
        return new Encoded(scratch, 0, 1 + length);
    }

    /**
     * A view of encoded bytes.
     *
     * @param array the buffer
     * @param offset first byte
     * @param length number of bytes
     */
    public record Encoded(byte[] array, int offset, int length) {
    }

    /**
     * Like {@link #decode}, but writes the {@code expectedRawLength} plaintext bytes into {@code out} from index 0,
     * allocating nothing.
     */
    public void decodeInto(byte[] encoded, int offset, int length, int expectedRawLength, byte[] out)
            throws CorruptBlobException {
        Objects.checkFromIndexSize(offset, length, encoded.length);
        if (out.length < expectedRawLength) {
            throw new IllegalArgumentException("output buffer of " + out.length + " bytes < " + expectedRawLength);
        }
        if (length < 1) {
            throw new CorruptBlobException("blob is empty: it lacks its format flag", null);
        }
        byte flag = encoded[offset];
        if (flag == RAW) {
            if (length - 1 != expectedRawLength) {
                throw new CorruptBlobException("raw blob holds " + (length - 1) + " bytes, expected "
                        + expectedRawLength, null);
            }
            System.arraycopy(encoded, offset + 1, out, 0, expectedRawLength);
            return;
        }
        if (flag == ZSTD) {
            decompressInto(encoded, offset + 1, length - 1, expectedRawLength, out);
            return;
        }
        throw new CorruptBlobException(String.format("unknown blob format flag 0x%02x", flag & 0xff), null);
    }

    public byte[] decode(byte[] encoded, int offset, int length, int expectedRawLength) throws CorruptBlobException {
        Objects.checkFromIndexSize(offset, length, encoded.length);
        if (expectedRawLength < 0) {
            throw new IllegalArgumentException("expectedRawLength must be >= 0, was " + expectedRawLength);
        }
        if (length < 1) {
            throw new CorruptBlobException("blob is empty: it lacks its format flag", null);
        }
        byte flag = encoded[offset];
        int payloadOffset = offset + 1;
        int payloadLength = length - 1;
        if (flag == RAW) {
            if (payloadLength != expectedRawLength) {
                throw new CorruptBlobException("raw blob holds " + payloadLength + " bytes, expected "
                        + expectedRawLength, null);
            }
            return Arrays.copyOfRange(encoded, payloadOffset, payloadOffset + payloadLength);
        }
        if (flag == ZSTD) {
            return decompress(encoded, payloadOffset, payloadLength, expectedRawLength);
        }
        throw new CorruptBlobException(String.format("unknown blob format flag 0x%02x", flag & 0xff), null);
    }

    private static byte[] decompress(byte[] src, int offset, int length, int expected) throws CorruptBlobException {
        byte[] out = new byte[expected];
        decompressInto(src, offset, length, expected, out);
        return out;
    }

    private static void decompressInto(byte[] src, int offset, int length, int expected, byte[] out)
            throws CorruptBlobException {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(src, offset, length);
        } catch (RuntimeException e) {
            throw new CorruptBlobException("zstd frame header is unreadable", e);
        }
        if (declared != expected) {
            throw new CorruptBlobException("zstd frame declares " + describeSize(declared) + ", expected "
                    + expected + " bytes", null);
        }
        int produced;
        try {
            produced = DECOMPRESSOR.get().decompressByteArray(out, 0, expected, src, offset, length);
        } catch (ZstdException e) {
            throw new CorruptBlobException("zstd payload is damaged: " + e.getMessage(), e);
        }
        if (produced != expected) {
            throw new CorruptBlobException("zstd payload decodes to " + produced + " bytes, expected " + expected,
                    null);
        }
    }

    private static String describeSize(long declared) {
        return declared < 0 ? "no usable content size (code " + declared + ")" : declared + " bytes";
    }

    /** One thread's zstd context and scratch buffer, reconfigured only when the level changes. */
    private static final class Compressor {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx().setChecksum(true).setContentSize(true);
        private int level = Integer.MIN_VALUE;
        private byte[] scratch = new byte[0];

        /** {@code ZSTD || frame}, or {@code null} when compressing does not pay. */
        byte[] compress(int wantedLevel, byte[] src, int offset, int length) {
            int size = compressInPlace(wantedLevel, src, offset, length);
            return size > 0 ? Arrays.copyOf(scratch, size) : null;
        }

        /** Compresses into {@link #scratch} (flag included); returns the encoded size, or 0 if not worth it. */
        int compressInPlace(int wantedLevel, byte[] src, int offset, int length) {
            if (level != wantedLevel) {
                ctx.setLevel(wantedLevel);
                level = wantedLevel;
            }
            int bound = (int) Math.min(Integer.MAX_VALUE - 16, Zstd.compressBound(length));
            ensure(1 + bound);
            int size = ctx.compressByteArray(scratch, 1, bound, src, offset, length);
            if (length - size <= length >>> 5) {
                return 0;
            }
            scratch[0] = ZSTD;
            return 1 + size;
        }

        byte[] ensure(int capacity) {
            if (scratch.length < capacity) {
                scratch = new byte[capacity];
            }
            return scratch;
        }
    }
}

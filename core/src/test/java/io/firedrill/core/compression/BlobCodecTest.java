package io.firedrill.core.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Compression;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlobCodecTest {
    static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < length; i++) {
            sb.append("row ").append(i).append(" name=user").append(i % 97).append(" balance=").append(i * 31 % 1000)
                    .append('\n');
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    @Property(tries = 40)
    void roundTrips(@ForAll @IntRange(max = 19) int level, @ForAll @IntRange(max = 300_000) int length,
            @ForAll boolean compressible, @ForAll long seed) throws CorruptBlobException {
        BlobCodec codec = new BlobCodec(new Compression(level));
        byte[] data = compressible ? text(length) : random(seed, length);
        byte[] framed = new byte[length + 10];
        System.arraycopy(data, 0, framed, 7, length);
        byte[] encoded = codec.encode(framed, 7, length);
        byte[] padded = new byte[encoded.length + 5];
        System.arraycopy(encoded, 0, padded, 3, encoded.length);
        assertArrayEquals(data, codec.decode(padded, 3, encoded.length, length));
        if (level == 0 || !compressible) {
            assertEquals(BlobCodec.RAW, encoded[0]);
            assertEquals(length + 1, encoded.length);
        }
    }

    @Test
    void compressibleDataIsCompressed() throws CorruptBlobException {
        for (int level : new int[] {1, 3, 9, 19}) {
            BlobCodec codec = new BlobCodec(Compression.zstd(level));
            byte[] data = text(1 << 20);
            byte[] encoded = codec.encode(data, 0, data.length);
            assertEquals(BlobCodec.ZSTD, encoded[0]);
            assertTrue(encoded.length < data.length / 4);
            assertArrayEquals(data, codec.decode(encoded, 0, encoded.length, data.length));
        }
    }

    @Test
    void randomDataIsStoredRaw() {
        byte[] data = random(1, 1 << 20);
        byte[] encoded = new BlobCodec(Compression.defaults()).encode(data, 0, data.length);
        assertEquals(BlobCodec.RAW, encoded[0]);
        assertArrayEquals(data, Arrays.copyOfRange(encoded, 1, encoded.length));
    }

    @Test
    void wrongExpectedLengthIsCorrupt() {
        BlobCodec codec = new BlobCodec(Compression.defaults());
        byte[] compressed = codec.encode(text(10_000), 0, 10_000);
        byte[] raw = codec.encode(random(2, 10_000), 0, 10_000);
        assertEquals(BlobCodec.ZSTD, compressed[0]);
        assertThrows(CorruptBlobException.class, () -> codec.decode(compressed, 0, compressed.length, 9_999));
        assertThrows(CorruptBlobException.class, () -> codec.decode(compressed, 0, compressed.length, 10_001));
        assertThrows(CorruptBlobException.class, () -> codec.decode(compressed, 0, compressed.length, 0));
        assertThrows(CorruptBlobException.class, () -> codec.decode(raw, 0, raw.length, 9_999));
        assertThrows(CorruptBlobException.class, () -> codec.decode(raw, 0, raw.length - 1, 10_000));
    }

    @Test
    void unknownFlagAndEmptyBlobAreCorrupt() {
        BlobCodec codec = new BlobCodec(Compression.defaults());
        byte[] encoded = codec.encode(text(1000), 0, 1000);
        encoded[0] = 2;
        assertThrows(CorruptBlobException.class, () -> codec.decode(encoded, 0, encoded.length, 1000));
        assertThrows(CorruptBlobException.class, () -> codec.decode(encoded, 0, 0, 0));
        assertThrows(CorruptBlobException.class, () -> codec.decode(new byte[] {1}, 0, 1, 0));
    }

    /**
     * A flip is either reported or harmless: the frame's content checksum catches damage to the data, and the
     * few bits zstd ignores (such as the unused bit of the frame header descriptor) cannot change it.
     */
    @Test
    void noSingleBitFlipInAFrameGivesAWrongResult() {
        BlobCodec codec = new BlobCodec(Compression.defaults());
        byte[] data = text(20_000);
        byte[] encoded = codec.encode(data, 0, data.length);
        assertEquals(BlobCodec.ZSTD, encoded[0]);
        int harmless = 0;
        int flips = 0;
        for (int i = 1; i < encoded.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = encoded.clone();
                damaged[i] ^= (byte) (1 << bit);
                flips++;
                try {
                    byte[] decoded = codec.decode(damaged, 0, damaged.length, data.length);
                    assertArrayEquals(data, decoded, "flip at byte " + i + " bit " + bit + " went unnoticed");
                    harmless++;
                } catch (CorruptBlobException expected) {
                    // detected
                }
            }
        }
        assertTrue(harmless * 100 < flips, harmless + " of " + flips + " flips were ignored");
    }

    @Test
    void truncatedFrameIsCorrupt() {
        BlobCodec codec = new BlobCodec(Compression.defaults());
        byte[] encoded = codec.encode(text(50_000), 0, 50_000);
        for (int cut : new int[] {1, 2, 5, encoded.length / 2, encoded.length - 1}) {
            assertThrows(CorruptBlobException.class, () -> codec.decode(encoded, 0, cut, 50_000));
        }
    }

    @Test
    void emptyChunkIsRaw() throws CorruptBlobException {
        BlobCodec codec = new BlobCodec(Compression.defaults());
        byte[] encoded = codec.encode(new byte[0], 0, 0);
        assertArrayEquals(new byte[] {BlobCodec.RAW}, encoded);
        assertEquals(0, codec.decode(encoded, 0, 1, 0).length);
    }
}

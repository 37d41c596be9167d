package io.firedrill.core.chunking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Chunking;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ContentDefinedChunkerTest {
    static final int MIN = 4 * 1024;
    static final int AVG = 16 * 1024;
    static final int MAX = 64 * 1024;
    static final Chunking SMALL = new Chunking(1024 * 1024, MIN, AVG, MAX);

    static GearTable gear(long seed) {
        byte[] s = new byte[GearTable.SEED_LENGTH];
        new Random(seed).nextBytes(s);
        return GearTable.fromSeed(s);
    }

    static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Chunk lengths of the whole array, cut as a caller at end of stream would. */
    static List<Integer> cutAll(ContentDefinedChunker chunker, byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int length = chunker.cut(data, offset, data.length - offset);
            assertTrue(length > 0);
            lengths.add(length);
            offset += length;
        }
        return lengths;
    }

    @Property(tries = 30)
    void chunksConcatenateToInputAndRespectSizes(@ForAll long seed, @ForAll @IntRange(max = 3 << 20) int length) {
        byte[] data = random(seed, length);
        ContentDefinedChunker chunker = new ContentDefinedChunker(SMALL, gear(seed ^ 1));
        List<Integer> lengths = cutAll(chunker, data);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int offset = 0;
        for (int i = 0; i < lengths.size(); i++) {
            int n = lengths.get(i);
            assertTrue(n <= MAX, "chunk longer than max: " + n);
            if (i < lengths.size() - 1) {
                assertTrue(n >= MIN, "chunk shorter than min: " + n);
            }
            joined.write(data, offset, n);
            offset += n;
        }
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void averageIsNearTheTarget() {
        byte[] data = random(7, 8 << 20);
        List<Integer> lengths = cutAll(new ContentDefinedChunker(SMALL, gear(7)), data);
        double mean = (double) data.length / lengths.size();
        assertTrue(mean > AVG * 0.75 && mean < AVG * 1.5, "mean chunk size " + mean);
    }

    @Test
    void zerosAreCutAtMaxOrNot() {
        byte[] zeros = new byte[1 << 20];
        for (int n : cutAll(new ContentDefinedChunker(SMALL, gear(3)), zeros)) {
            assertTrue(n >= MIN && n <= MAX);
        }
    }

    @Test
    void shortInputIsOneChunk() {
        ContentDefinedChunker chunker = new ContentDefinedChunker(SMALL, gear(1));
        byte[] data = random(1, MIN + 10);
        assertEquals(0, chunker.cut(data, 0, 0));
        assertEquals(MIN, chunker.cut(data, 0, MIN));
        assertEquals(100, chunker.cut(data, 5, 100));
        assertThrows(IndexOutOfBoundsException.class, () -> chunker.cut(data, 20, data.length));
    }

    @Test
    void sameSeedSameBoundariesOtherSeedOtherBoundaries() {
        byte[] data = random(11, 2 << 20);
        List<Integer> a = cutAll(new ContentDefinedChunker(SMALL, gear(5)), data);
        List<Integer> b = cutAll(new ContentDefinedChunker(SMALL, gear(5)), data);
        List<Integer> c = cutAll(new ContentDefinedChunker(SMALL, gear(6)), data);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void cutsAreIndependentOfOffsetInBuffer() {
        byte[] data = random(12, 1 << 20);
        byte[] shifted = new byte[data.length + 333];
        System.arraycopy(data, 0, shifted, 333, data.length);
        ContentDefinedChunker chunker = new ContentDefinedChunker(SMALL, gear(12));
        assertEquals(chunker.cut(data, 0, data.length), chunker.cut(shifted, 333, data.length));
    }

    @Property(tries = 10)
    void insertionNearStartKeepsMostChunks(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int inserted,
            @ForAll @IntRange(max = 100_000) int position) throws NoSuchAlgorithmException {
        byte[] data = random(seed, 4 << 20);
        byte[] edited = new byte[data.length + inserted];
        System.arraycopy(data, 0, edited, 0, position);
        System.arraycopy(random(seed + 1, inserted), 0, edited, position, inserted);
        System.arraycopy(data, position, edited, position + inserted, data.length - position);
        ContentDefinedChunker chunker = new ContentDefinedChunker(SMALL, gear(seed));
        Map<ByteBuffer, Integer> before = digests(data, cutAll(chunker, data));
        Map<ByteBuffer, Integer> after = digests(edited, cutAll(chunker, edited));
        long shared = 0;
        for (Map.Entry<ByteBuffer, Integer> e : after.entrySet()) {
            if (before.containsKey(e.getKey())) {
                shared += e.getValue();
            }
        }
        assertTrue(shared > 0.9 * data.length, "only " + shared + " of " + data.length + " bytes kept");
    }

    static Map<ByteBuffer, Integer> digests(byte[] data, List<Integer> lengths) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Map<ByteBuffer, Integer> out = new HashMap<>();
        int offset = 0;
        for (int n : lengths) {
            sha.update(data, offset, n);
            out.put(ByteBuffer.wrap(sha.digest()), n);
            offset += n;
        }
        return out;
    }

    @Test
    void gearTableIsDeterministicAndKeyed() {
        byte[] seed = new byte[32];
        GearTable a = GearTable.fromSeed(seed);
        GearTable b = GearTable.fromSeed(seed.clone());
        seed[31] = 1;
        GearTable c = GearTable.fromSeed(seed);
        long[] va = a.toArray();
        assertArrayEquals(va, b.toArray());
        assertTrue(!Arrays.equals(va, c.toArray()));
        assertEquals(256, Arrays.stream(va).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> GearTable.fromSeed(new byte[16]));
    }
}

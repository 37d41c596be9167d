package io.firedrill.core.chunking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkingOutputStreamTest {

    @Property(tries = 25)
    void anySplitOfWritesGivesTheSameChunksAsOneArray(@ForAll long seed,
            @ForAll @IntRange(max = 2 << 20) int length, @ForAll @IntRange(min = 1, max = 200_000) int maxWrite)
            throws IOException {
        byte[] data = ContentDefinedChunkerTest.random(seed, length);
        ContentDefinedChunker chunker = new ContentDefinedChunker(ContentDefinedChunkerTest.SMALL,
                ContentDefinedChunkerTest.gear(seed));
        List<Integer> expected = ContentDefinedChunkerTest.cutAll(chunker, data);
        List<Integer> actual = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        Random random = new Random(seed);
        try (ChunkingOutputStream out = new ChunkingOutputStream(chunker, (b, off, len) -> {
            actual.add(len);
            joined.write(b, off, len);
        })) {
            int offset = 0;
            while (offset < data.length) {
                int n = Math.min(data.length - offset, 1 + random.nextInt(maxWrite));
                out.write(data, offset, n);
                offset += n;
            }
            assertEquals(length, out.size());
        }
        assertEquals(expected, actual);
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void anEmptyStreamHasNoChunksAndClosingTwiceIsHarmless() throws IOException {
        List<Integer> chunks = new ArrayList<>();
        ChunkingOutputStream out = new ChunkingOutputStream(new ContentDefinedChunker(
                ContentDefinedChunkerTest.SMALL, ContentDefinedChunkerTest.gear(1)), (b, off, len) -> chunks.add(len));
        out.close();
        out.close();
        assertTrue(chunks.isEmpty());
        assertThrows(IOException.class, () -> out.write(1));
    }
}

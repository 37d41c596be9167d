package io.firedrill.core.chunking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkStreamTest {
    /** Returns at most a random 1..maxRead bytes per read. */
    static final class ShortReads extends FilterInputStream {
        private final Random random;
        private final int maxRead;
        boolean closed;

        ShortReads(InputStream in, long seed, int maxRead) {
            super(in);
            this.random = new Random(seed);
            this.maxRead = maxRead;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Property(tries = 25)
    void shortReadsGiveTheSameChunksAsOneArray(@ForAll long seed, @ForAll @IntRange(max = 2 << 20) int length,
            @ForAll @IntRange(min = 1, max = 200_000) int maxRead) throws IOException {
        byte[] data = ContentDefinedChunkerTest.random(seed, length);
        ContentDefinedChunker chunker = new ContentDefinedChunker(ContentDefinedChunkerTest.SMALL,
                ContentDefinedChunkerTest.gear(seed));
        List<Integer> expected = ContentDefinedChunkerTest.cutAll(chunker, data);
        List<Integer> actual = new ArrayList<>();
        int offset = 0;
        ShortReads in = new ShortReads(new ByteArrayInputStream(data), seed, maxRead);
        try (ChunkStream stream = new ChunkStream(in, chunker)) {
            for (Chunk chunk = stream.next(); chunk != null; chunk = stream.next()) {
                assertArrayEquals(java.util.Arrays.copyOfRange(data, offset, offset + chunk.length()),
                        chunk.toByteArray());
                actual.add(chunk.length());
                offset += chunk.length();
            }
            assertNull(stream.next());
        }
        assertTrue(in.closed);
        assertEquals(expected, actual);
        assertEquals(length, offset);
    }

    @Test
    void emptyStreamHasNoChunks() throws IOException {
        ContentDefinedChunker chunker = new ContentDefinedChunker(ContentDefinedChunkerTest.SMALL,
                ContentDefinedChunkerTest.gear(0));
        try (ChunkStream stream = new ChunkStream(new ByteArrayInputStream(new byte[0]), chunker)) {
            assertNull(stream.next());
        }
    }
}

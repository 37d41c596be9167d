package io.firedrill.core.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedChunkingTest {
    @Test
    void countsAndLengths() {
        assertEquals(0, FixedChunking.chunkCount(0, 8192));
        assertEquals(1, FixedChunking.chunkCount(1, 8192));
        assertEquals(1, FixedChunking.chunkCount(8192, 8192));
        assertEquals(2, FixedChunking.chunkCount(8193, 8192));
        assertEquals(8192, FixedChunking.chunkLength(8193, 8192, 0));
        assertEquals(1, FixedChunking.chunkLength(8193, 8192, 1));
        long big = 5L << 32;
        assertEquals(5L << 12, FixedChunking.chunkCount(big, 1 << 20));
        assertEquals(1 << 20, FixedChunking.chunkLength(big, 1 << 20, (5L << 12) - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> FixedChunking.chunkLength(8193, 8192, 2));
        assertThrows(IllegalArgumentException.class, () -> FixedChunking.chunkCount(-1, 8192));
    }
}

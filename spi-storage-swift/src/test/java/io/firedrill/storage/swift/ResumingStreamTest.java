package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A download cut off at any points resumes from the first missing byte and delivers exactly the object. */
class ResumingStreamTest {

    @Property(tries = 100)
    void cutsAnywhereAreResumedSeamlessly(@ForAll @Size(min = 1, max = 4000) byte[] data,
            @ForAll @IntRange(min = 0, max = 3) int cuts, @ForAll @IntRange(min = 1, max = 997) int step)
            throws IOException {
        List<Long> reopenedAt = new ArrayList<>();
        int[] remainingCuts = {cuts};
        ResumingStream.Reopener reopener = position -> {
            reopenedAt.add(position);
            return source(data, (int) position, remainingCuts, step);
        };

        try (InputStream in = new ResumingStream(source(data, 0, remainingCuts, step), "o", 0, data.length, 5,
                reopener)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(reopenedAt.size() <= cuts, reopenedAt.toString());
        for (long position : reopenedAt) {
            assertTrue(position >= 0 && position < data.length, "resumed at " + position);
        }
    }

    @Test
    void givesUpAfterTheAllowedResumes() {
        byte[] data = new byte[100];
        ResumingStream.Reopener alwaysBroken = position -> failingAfter(Arrays.copyOfRange(data, (int) position, 100), 1);

        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = new ResumingStream(failingAfter(data, 10), "packs/p", 0, 100, 3, alwaysBroken)) {
                in.readAllBytes();
            }
        });

        assertTrue(e.getMessage().contains("reading packs/p failed at byte 13 after 3 resumed downloads"),
                e.getMessage());
    }

    @Test
    void aResumeTheServerRefusesEndsTheRead() {
        ResumingStream.Reopener refused = position -> {
            throw new StorageException("object replaced", null, true, null);
        };

        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = new ResumingStream(failingAfter(new byte[50], 20), "o", 0, 50, 3, refused)) {
                in.readAllBytes();
            }
        });

        assertTrue(e.getMessage().contains("could not be resumed: object replaced"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
    }

    /** The data from {@code start}, broken after {@code step} bytes while cuts remain. */
    private static InputStream source(byte[] data, int start, int[] remainingCuts, int step) {
        byte[] rest = Arrays.copyOfRange(data, start, data.length);
        if (remainingCuts[0] > 0 && step < rest.length) {
            remainingCuts[0]--;
            return failingAfter(rest, step);
        }
        return new ByteArrayInputStream(rest);
    }

    private static InputStream failingAfter(byte[] data, int limit) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= limit) {
                    throw new IOException("connection reset");
                }
                return position < data.length ? data[position++] & 0xff : -1;
            }
        };
    }
}

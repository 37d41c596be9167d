package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The segmented layout: round trips across segment boundaries, and no segment can be dropped, moved or cut. */
class AesGcmSegmentsTest {
    private static final int SEGMENT = AesGcmSealer.SEGMENT_BYTES;
    private static final int SEALED_SEGMENT = SEGMENT + 16;
    private static final byte[] AAD = {1, 2, 3};
    private final AesGcmSealer sealer = new AesGcmSealer(new byte[32]);

    @Property(tries = 60)
    void roundTripsAcrossSegmentBoundaries(@ForAll @IntRange(min = 0, max = 4) int segments,
                                           @ForAll @IntRange(min = -2, max = 2) int delta) throws Exception {
        int length = Math.max(0, segments * SEGMENT + delta);
        byte[] plain = new byte[length];
        new Random(length).nextBytes(plain);
        byte[] sealed = sealer.seal(plain, AAD);
        assertEquals(length + sealer.overhead(length), sealed.length);
        assertArrayEquals(plain, sealer.open(sealed, AAD));
    }

    @Test
    void droppingTheLastSegmentIsDetected() {
        byte[] sealed = sealer.seal(new byte[3 * SEGMENT], AAD);
        byte[] truncated = Arrays.copyOf(sealed, sealed.length - SEALED_SEGMENT);
        assertThrows(IntegrityException.class, () -> sealer.open(truncated, AAD));
    }

    @Test
    void swappingSegmentsIsDetected() {
        byte[] sealed = sealer.seal(new byte[2 * SEGMENT + 10], AAD);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, 13, swapped, 13 + SEALED_SEGMENT, SEALED_SEGMENT);
        System.arraycopy(sealed, 13 + SEALED_SEGMENT, swapped, 13, SEALED_SEGMENT);
        assertThrows(IntegrityException.class, () -> sealer.open(swapped, AAD));
    }

    @Test
    void cuttingWithinTheLastTagIsDetected() {
        byte[] sealed = sealer.seal(new byte[SEGMENT + 100], AAD);
        assertThrows(IntegrityException.class, () -> sealer.open(Arrays.copyOf(sealed, 13 + SEALED_SEGMENT + 8), AAD));
        assertThrows(IntegrityException.class, () -> sealer.open(Arrays.copyOf(sealed, 13 + SEALED_SEGMENT), AAD));
    }
}

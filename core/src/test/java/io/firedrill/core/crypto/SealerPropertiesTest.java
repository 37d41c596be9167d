package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SealerPropertiesTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Provide
    Arbitrary<Sealer> sealers() {
        return Arbitraries.of(new AesGcmSealer(KEY), new ChecksumSealer());
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("sealers") Sealer sealer, @ForAll @Size(max = 2048) byte[] data,
            @ForAll @Size(max = 64) byte[] aad) throws IntegrityException {
        byte[] sealed = sealer.seal(data, aad);
        assertEquals(data.length + sealer.overhead(data.length), sealed.length);
        assertArrayEquals(data, sealer.open(sealed, aad));
    }

    @Property(tries = 300)
    void roundTripsSlices(@ForAll("sealers") Sealer sealer, @ForAll @Size(min = 1, max = 512) byte[] data,
            @ForAll @IntRange(max = 511) int start, @ForAll @Size(max = 16) byte[] aad) throws IntegrityException {
        int offset = start % data.length;
        int length = data.length - offset;
        byte[] sealed = sealer.seal(data, offset, length, aad);
        byte[] framed = new byte[sealed.length + 5];
        System.arraycopy(sealed, 0, framed, 3, sealed.length);
        assertArrayEquals(Arrays.copyOfRange(data, offset, data.length), sealer.open(framed, 3, sealed.length, aad));
    }

    @Property(tries = 500)
    void anySingleBitFlipIsDetected(@ForAll("sealers") Sealer sealer, @ForAll @Size(max = 256) byte[] data,
            @ForAll @Size(max = 16) byte[] aad, @ForAll @IntRange(max = 100_000) int position,
            @ForAll @IntRange(max = 7) int bit) {
        byte[] sealed = sealer.seal(data, aad);
        sealed[position % sealed.length] ^= (byte) (1 << bit);
        assertThrows(IntegrityException.class, () -> sealer.open(sealed, aad));
    }

    @Property(tries = 300)
    void wrongAadIsDetected(@ForAll("sealers") Sealer sealer, @ForAll @Size(max = 256) byte[] data,
            @ForAll @Size(max = 16) byte[] aad, @ForAll @Size(max = 16) byte[] otherAad) {
        net.jqwik.api.Assume.that(!Arrays.equals(aad, otherAad));
        byte[] sealed = sealer.seal(data, aad);
        assertThrows(IntegrityException.class, () -> sealer.open(sealed, otherAad));
    }

    @Property(tries = 200)
    void truncationIsDetected(@ForAll("sealers") Sealer sealer, @ForAll @Size(max = 256) byte[] data,
            @ForAll @IntRange(min = 1, max = 100_000) int cut) {
        byte[] sealed = sealer.seal(data, null);
        int keep = sealed.length - 1 - (cut % sealed.length);
        assertThrows(IntegrityException.class, () -> sealer.open(sealed, 0, Math.max(keep, 0), null));
    }
}

package io.firedrill.postgres.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link PageChecksums} against a second, deliberately plain reading of PostgreSQL's algorithm (64-bit arithmetic
 * masked to 32 bits, a ByteBuffer, the checksum field cleared in a copy), and its basic properties. That the result
 * is PostgreSQL's own is shown against a real cluster's pages in {@code PageChecksumsIT}.
 */
class PageChecksumsTest {
    private static final long[] SEEDS = {
        0x5B1F36E9L, 0xB8525960L, 0x02AB50AAL, 0x1DE66D2AL, 0x79FF467AL, 0x9BB9F8A3L, 0x217E7CD2L, 0x83E13D2CL,
        0xF8D4474FL, 0xE39EB970L, 0x42C6AE16L, 0x993216FAL, 0x7B093B5DL, 0x98DAFF3CL, 0xF718902AL, 0x0B1C9CDBL,
        0xE58F764BL, 0x187636BCL, 0x5D7B3BB1L, 0xE73DE7DEL, 0x92BEC979L, 0xCCA6C0B2L, 0x304A0979L, 0x85AA43D4L,
        0x783125BBL, 0x6CA8EAA2L, 0xE407EAC6L, 0x4B5CFC3EL, 0x9FBF8C76L, 0x15CA20BEL, 0xF2CA9FD3L, 0x959BD756L,
    };

    /** The algorithm as PostgreSQL's comments describe it, written for clarity rather than speed. */
    static int reference(byte[] page, long block) {
        ByteBuffer copy = ByteBuffer.wrap(page.clone()).order(ByteOrder.LITTLE_ENDIAN);
        copy.putShort(8, (short) 0);
        long[] sums = SEEDS.clone();
        for (int i = 0; i < 8192 / 4; i++) {
            sums[i % 32] = mix(sums[i % 32], copy.getInt(i * 4) & 0xFFFFFFFFL);
        }
        long result = 0;
        for (int j = 0; j < 32; j++) {
            result ^= mix(mix(sums[j], 0), 0);
        }
        result = (result ^ (block & 0xFFFFFFFFL)) & 0xFFFFFFFFL;
        return (int) (result % 65535) + 1;
    }

    private static long mix(long sum, long value) {
        long t = (sum ^ value) & 0xFFFFFFFFL;
        return ((t * 16777619L) & 0xFFFFFFFFL) ^ (t >>> 17);
    }

    @Provide
    Arbitrary<byte[]> pages() {
        return Arbitraries.longs().map(seed -> {
            byte[] page = new byte[8192];
            new Random(seed).nextBytes(page);
            return page;
        });
    }

    @Property(tries = 300)
    void matchesThePlainReading(@ForAll("pages") byte[] page, @ForAll @LongRange(min = 0, max = 0xFFFFFFFEL) long block) {
        assertEquals(reference(page, block), PageChecksums.compute(page, 0, block));
    }

    @Property(tries = 200)
    void isNeverZeroAndFitsSixteenBits(@ForAll("pages") byte[] page, @ForAll @LongRange(min = 0, max = 1 << 20) long block) {
        int checksum = PageChecksums.compute(page, 0, block);
        assertTrue(checksum >= 1 && checksum <= 65535, "checksum " + checksum);
    }

    @Property(tries = 200)
    void ignoresTheStoredChecksumAndVerifiesOnceStored(@ForAll("pages") byte[] page, @ForAll @IntRange(max = 65535) int junk,
                                                        @ForAll @LongRange(min = 0, max = 1 << 20) long block) {
        int checksum = PageChecksums.compute(page, 0, block);
        PageChecksums.store(page, 0, junk);
        assertEquals(checksum, PageChecksums.compute(page, 0, block));
        PageChecksums.store(page, 0, checksum);
        assertTrue(PageChecksums.verifies(page, 0, block));
        assertEquals(checksum, PageChecksums.stored(page, 0));
    }

    @Property(tries = 100)
    void worksAtAnOffsetInALargerBuffer(@ForAll("pages") byte[] page, @ForAll @IntRange(max = 127) int pageIndex) {
        byte[] chunk = new byte[128 * 8192];
        System.arraycopy(page, 0, chunk, pageIndex * 8192, 8192);
        assertEquals(PageChecksums.compute(page, 0, pageIndex), PageChecksums.compute(chunk, pageIndex * 8192, pageIndex));
    }

    @Test
    void detectsCorruptionAndTransposition() {
        Random random = new Random(42);
        int missed = 0;
        int movedUnnoticed = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] page = new byte[8192];
            random.nextBytes(page);
            long block = random.nextInt(1 << 20);
            PageChecksums.store(page, 0, PageChecksums.compute(page, 0, block));
            assertTrue(PageChecksums.verifies(page, 0, block));
            movedUnnoticed += PageChecksums.verifies(page, 0, block + 1) ? 1 : 0;
            int position = 10 + random.nextInt(8192 - 10);
            page[position] ^= (byte) (1 + random.nextInt(255));
            missed += PageChecksums.verifies(page, 0, block) ? 1 : 0;
        }
        assertTrue(missed <= 1, missed + " of 2000 corruptions missed");
        assertTrue(movedUnnoticed <= 1, movedUnnoticed + " of 2000 pages verified at the next block");
    }

    @Test
    void readsTheHeader() {
        byte[] page = new byte[8192];
        assertTrue(PageChecksums.isNew(page, 0));
        assertTrue(PageChecksums.isZero(page, 0));
        ByteBuffer header = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0, 0x1);           // xlogid
        header.putInt(4, 0x80000060);    // xrecoff
        header.putShort(12, (short) 40); // pd_lower
        header.putShort(14, (short) 8000); // pd_upper
        assertEquals(0x1_80000060L, PageChecksums.lsn(page, 0));
        assertFalse(PageChecksums.isNew(page, 0));
        assertFalse(PageChecksums.isZero(page, 0));
    }
}

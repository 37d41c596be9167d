package io.firedrill.postgres.backup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * PostgreSQL's data page checksum and the few page-header fields needed to judge a page, for the 8 KiB pages of a
 * little-endian cluster (x86-64, ARM64: the header fields and the checksum's 32-bit words are read little-endian).
 *
 * <p>The algorithm (PostgreSQL's {@code checksum_impl.h}, described there): the page is read as rows of 32
 * 32-bit words; each of the 32 columns is folded into its own running sum, each sum starting from a fixed
 * constant, by an FNV-1a–like step {@code t = sum ^ word; sum = t * 16777619 ^ (t >>> 17)}; every sum then takes
 * two more steps with the word 0, the 32 sums are XORed together, the block number is XORed in (so a page written
 * at the wrong place fails), and the result is reduced to 16 bits as {@code (sum mod 65535) + 1}, so it is never 0.
 * The page's own checksum field ({@code pd_checksum}, bytes 8–9) counts as zero while it is computed.
 */
public final class PageChecksums {
    /** The page size this class handles (PostgreSQL's default {@code BLCKSZ}). */
    public static final int PAGE_SIZE = 8192;

    private static final int SUMS = 32;
    private static final int PRIME = 16777619;
    private static final int WORDS = PAGE_SIZE / Integer.BYTES;
    /** The 32-bit word holding {@code pd_checksum} (its low half, little-endian) and {@code pd_flags}. */
    private static final int CHECKSUM_WORD = 2;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** The starting values of the 32 sums, fixed by PostgreSQL's on-disk format. */
    private static final int[] SEEDS = {
        0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A, 0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C,
        0xF8D4474F, 0xE39EB970, 0x42C6AE16, 0x993216FA, 0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB,
        0xE58F764B, 0x187636BC, 0x5D7B3BB1, 0xE73DE7DE, 0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4,
        0x783125BB, 0x6CA8EAA2, 0xE407EAC6, 0x4B5CFC3E, 0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756,
    };

    private PageChecksums() {
    }

    /**
     * The checksum PostgreSQL would store on a page.
     *
     * @param data the bytes holding the page
     * @param offset where the page starts in {@code data}
     * @param block the page's block number within its relation fork (counted across segment files)
     * @return the checksum, 1..65535
     */
    public static int compute(byte[] data, int offset, long block) {
        int[] sums = SEEDS.clone();
        for (int row = 0; row < WORDS; row += SUMS) {
            for (int column = 0; column < SUMS; column++) {
                int word = (int) INT.get(data, offset + (row + column) * Integer.BYTES);
                if (row + column == CHECKSUM_WORD) {
                    word &= 0xFFFF0000;
                }
                sums[column] = step(sums[column], word);
            }
        }
        int result = 0;
        for (int column = 0; column < SUMS; column++) {
            int sum = step(step(sums[column], 0), 0);
            result ^= sum;
        }
        result ^= (int) block;
        return Integer.remainderUnsigned(result, 65535) + 1;
    }

    private static int step(int sum, int word) {
        int t = sum ^ word;
        return t * PRIME ^ (t >>> 17);
    }

    /** The checksum stored in the page header ({@code pd_checksum}). */
    public static int stored(byte[] data, int offset) {
        return Short.toUnsignedInt((short) SHORT.get(data, offset + 8));
    }

    /** Whether the stored checksum is the one the page's content and block number give. */
    public static boolean verifies(byte[] data, int offset, long block) {
        return stored(data, offset) == compute(data, offset, block);
    }

    /** The page's LSN ({@code pd_lsn}: the high then the low 32 bits): the WAL position of its last change. */
    public static long lsn(byte[] data, int offset) {
        long high = Integer.toUnsignedLong((int) INT.get(data, offset));
        long low = Integer.toUnsignedLong((int) INT.get(data, offset + 4));
        return high << 32 | low;
    }

    /**
     * Whether the page was never initialised ({@code pd_upper} is 0, PostgreSQL's {@code PageIsNew}): such pages
     * carry no checksum.
     */
    public static boolean isNew(byte[] data, int offset) {
        return (short) SHORT.get(data, offset + 14) == 0;
    }

    /** Whether all of the page's bytes are zero. */
    public static boolean isZero(byte[] data, int offset) {
        for (int i = 0; i < PAGE_SIZE; i += Long.BYTES) {
            if ((long) LONG.get(data, offset + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Stores {@code checksum} in the page header (for tests that build pages). */
    public static void store(byte[] data, int offset, int checksum) {
        SHORT.set(data, offset + 8, (short) checksum);
    }
}

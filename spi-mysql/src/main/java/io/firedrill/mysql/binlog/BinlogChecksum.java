package io.firedrill.mysql.binlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Binlog event checksums. With {@code binlog_checksum=CRC32} (algorithm 1) every event ends with the zlib CRC-32
 * of all its preceding bytes (header included) as a little-endian u32, counted in the event length.
 */
public final class BinlogChecksum {
    /** Algorithm byte: no checksums. */
    public static final int ALG_OFF = 0;
    /** Algorithm byte: CRC32. */
    public static final int ALG_CRC32 = 1;
    /** The length of a checksum in bytes. */
    public static final int LENGTH = 4;

    private BinlogChecksum() {
    }

    /** The CRC-32 of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static long compute(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    /** The checksum stored in the last four bytes of the event occupying {@code event[offset, offset+length)}. */
    public static long stored(byte[] event, int offset, int length) {
        return Integer.toUnsignedLong(
                ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN).getInt(offset + length - LENGTH));
    }

    /** Whether the event in {@code event[offset, offset+length)} carries a correct trailing CRC-32. */
    public static boolean matches(byte[] event, int offset, int length) {
        return length >= BinlogEventHeader.LENGTH + LENGTH
                && compute(event, offset, length - LENGTH) == stored(event, offset, length);
    }

    /**
     * Checks the trailing CRC-32 of the event in {@code event[offset, offset+length)}.
     *
     * @param position the event's offset in its file, for the message
     * @throws CorruptBinlogException when the checksum does not match
     */
    public static void verify(byte[] event, int offset, int length, long position) {
        if (length < BinlogEventHeader.LENGTH + LENGTH) {
            throw new CorruptBinlogException(position, "binlog event at position " + position + " is " + length
                    + " bytes long, too short to carry a checksum");
        }
        long expected = compute(event, offset, length - LENGTH);
        long actual = stored(event, offset, length);
        if (expected != actual) {
            throw new CorruptBinlogException(position, String.format(
                    "binlog event at position %d fails its CRC32 checksum: stored %08x, computed %08x",
                    position, actual, expected));
        }
    }

    /** Writes the CRC-32 of the event's first {@code length - 4} bytes into its last four bytes. */
    public static void seal(byte[] event, int offset, int length) {
        long crc = compute(event, offset, length - LENGTH);
        ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN).putInt(offset + length - LENGTH, (int) crc);
    }
}

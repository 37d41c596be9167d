package io.firedrill.mysql.binlog;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decoded body of a FORMAT_DESCRIPTION event: binlog version, server version, common header length and the
 * checksum algorithm. The algorithm byte sits just before the event's own four-byte checksum; servers older than
 * MySQL 5.6.1 and MariaDB 5.3 write neither, and then the algorithm is {@link BinlogChecksum#ALG_OFF}.
 *
 * @param binlogVersion the binlog format version (4)
 * @param serverVersion the server's version string, for example {@code 8.0.31} or {@code 10.11.6-MariaDB-log}
 * @param createTimestamp seconds since the epoch when the file was created, or 0
 * @param headerLength the common header length (19)
 * @param checksumAlgorithm {@link BinlogChecksum#ALG_OFF}, {@link BinlogChecksum#ALG_CRC32} or another value
 */
public record FormatDescription(int binlogVersion, String serverVersion, long createTimestamp, int headerLength,
        int checksumAlgorithm) {
    private static final int SERVER_VERSION_LENGTH = 50;
    private static final int FIXED_BODY = 2 + SERVER_VERSION_LENGTH + 4 + 1;
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /**
     * Decodes the whole FORMAT_DESCRIPTION event in {@code event[offset, offset+length)}, header included.
     *
     * @param position the event's file offset, for messages
     * @throws CorruptBinlogException when the event is too short
     */
    public static FormatDescription parse(byte[] event, int offset, int length, long position) {
        int body = offset + BinlogEventHeader.LENGTH;
        if (length < BinlogEventHeader.LENGTH + FIXED_BODY) {
            throw new CorruptBinlogException(position, "format description event at position " + position
                    + " is " + length + " bytes long, too short");
        }
        int version = Byte.toUnsignedInt(event[body]) | Byte.toUnsignedInt(event[body + 1]) << 8;
        int end = body + 2;
        while (end < body + 2 + SERVER_VERSION_LENGTH && event[end] != 0) {
            end++;
        }
        String serverVersion = new String(event, body + 2, end - body - 2, StandardCharsets.ISO_8859_1);
        int ts = body + 2 + SERVER_VERSION_LENGTH;
        long created = Byte.toUnsignedLong(event[ts]) | Byte.toUnsignedLong(event[ts + 1]) << 8
                | Byte.toUnsignedLong(event[ts + 2]) << 16 | Byte.toUnsignedLong(event[ts + 3]) << 24;
        int headerLength = Byte.toUnsignedInt(event[ts + 4]);
        int algorithm = BinlogChecksum.ALG_OFF;
        if (checksumAware(serverVersion) && length >= BinlogEventHeader.LENGTH + FIXED_BODY + 1 + BinlogChecksum.LENGTH) {
            algorithm = Byte.toUnsignedInt(event[offset + length - BinlogChecksum.LENGTH - 1]);
        }
        return new FormatDescription(version, serverVersion, created, headerLength, algorithm);
    }

    /** Whether the file's events end with a CRC32. */
    public boolean crc32() {
        return checksumAlgorithm == BinlogChecksum.ALG_CRC32;
    }

    /** Whether the server behind this version string is MariaDB. */
    public boolean mariadb() {
        return serverVersion.contains("MariaDB");
    }

    /** Whether a server of this version writes the checksum algorithm byte (MySQL 5.6.1+, MariaDB 5.3+). */
    static boolean checksumAware(String serverVersion) {
        Matcher m = VERSION.matcher(serverVersion);
        if (!m.find()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        int v = major * 10000 + minor * 100 + patch;
        return serverVersion.contains("MariaDB") ? v >= 50300 : v >= 50601;
    }
}

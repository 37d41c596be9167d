package io.firedrill.mysql.binlog;

import java.util.Arrays;

/**
 * One event of a binlog file, exactly as stored.
 *
 * @param position the event's offset in its file
 * @param header the decoded header
 * @param bytes the whole event as stored: header, body and checksum (if any); not copied, do not modify
 * @param checksumLength 4 when the event ends with a CRC32, else 0
 */
public record BinlogEvent(long position, BinlogEventHeader header, byte[] bytes, int checksumLength) {
    /** The body: the bytes between the header and the checksum (a copy). */
    public byte[] body() {
        return Arrays.copyOfRange(bytes, BinlogEventHeader.LENGTH, bytes.length - checksumLength);
    }

    /** The file offset just past this event. */
    public long end() {
        return position + bytes.length;
    }

    /** The event's type. */
    public BinlogEventType type() {
        return header.type();
    }
}

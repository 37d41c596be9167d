package io.firedrill.mysql.binlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * The 19-byte header (binlog version 4) that starts every event; all fields are little-endian and unsigned.
 *
 * @param timestamp seconds since the epoch when the statement began (0 for artificial events)
 * @param typeCode the event type code (0–255), kept even when {@link BinlogEventType} does not know it
 * @param serverId the id of the server that first wrote the event
 * @param eventLength the whole event's length: header, body and checksum when there is one
 * @param nextPosition the file offset of the next event (0 on some artificial events)
 * @param flags the event flags, such as {@link #FLAG_BINLOG_IN_USE} and {@link #FLAG_ARTIFICIAL}
 */
public record BinlogEventHeader(long timestamp, int typeCode, long serverId, long eventLength, long nextPosition,
        int flags) {
    /** The header length in bytes. */
    public static final int LENGTH = 19;
    /** Set on a file's format description event while the server still writes the file. */
    public static final int FLAG_BINLOG_IN_USE = 0x0001;
    /** Marks an event a server generated for the stream (a fake rotate, a heartbeat), not one of the file. */
    public static final int FLAG_ARTIFICIAL = 0x0020;

    /** Parses the header starting at {@code offset} of {@code bytes}, which must hold at least 19 bytes there. */
    public static BinlogEventHeader parse(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new IllegalArgumentException("an event header needs " + LENGTH + " bytes at offset " + offset
                    + ", the buffer has " + Math.max(0, bytes.length - offset));
        }
        return parse(ByteBuffer.wrap(bytes), offset);
    }

    /** Parses the header at absolute index {@code offset} of {@code buffer}; the buffer's position is unchanged. */
    public static BinlogEventHeader parse(ByteBuffer buffer, int offset) {
        ByteBuffer le = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new BinlogEventHeader(
                Integer.toUnsignedLong(le.getInt(offset)),
                Byte.toUnsignedInt(le.get(offset + 4)),
                Integer.toUnsignedLong(le.getInt(offset + 5)),
                Integer.toUnsignedLong(le.getInt(offset + 9)),
                Integer.toUnsignedLong(le.getInt(offset + 13)),
                Short.toUnsignedInt(le.getShort(offset + 17)));
    }

    /** The known type of this event, or {@link BinlogEventType#UNKNOWN}; {@link #typeCode()} has the code. */
    public BinlogEventType type() {
        return BinlogEventType.of(typeCode);
    }

    /** The timestamp as an instant. */
    public Instant time() {
        return Instant.ofEpochSecond(timestamp);
    }

    /** Whether {@link #FLAG_ARTIFICIAL} is set. */
    public boolean artificial() {
        return (flags & FLAG_ARTIFICIAL) != 0;
    }

    /** Writes this header into {@code target} at {@code offset} (the inverse of {@link #parse(byte[], int)}). */
    public void writeTo(byte[] target, int offset) {
        ByteBuffer le = ByteBuffer.wrap(target).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(offset, (int) timestamp);
        le.put(offset + 4, (byte) typeCode);
        le.putInt(offset + 5, (int) serverId);
        le.putInt(offset + 9, (int) eventLength);
        le.putInt(offset + 13, (int) nextPosition);
        le.putShort(offset + 17, (short) flags);
    }
}

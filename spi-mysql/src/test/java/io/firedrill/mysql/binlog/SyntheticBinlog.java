package io.firedrill.mysql.binlog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds binlog files by hand for tests: magic, a format description with CRC32 (or not), then events. */
final class SyntheticBinlog {
    static final long SERVER_ID = 7;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean crc32;
    private long timestamp = 1_700_000_000L;

    SyntheticBinlog(boolean crc32, String serverVersion) {
        this.crc32 = crc32;
        out.writeBytes(BinlogFileReader.MAGIC);
        ByteBuffer body = le(2 + 50 + 4 + 1 + 40 + 1);
        body.putShort((short) 4);
        byte[] version = new byte[50];
        byte[] v = serverVersion.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, version, 0, v.length);
        body.put(version).putInt((int) timestamp).put((byte) 19);
        for (int i = 0; i < 40; i++) {
            body.put((byte) 0);
        }
        body.put((byte) (crc32 ? BinlogChecksum.ALG_CRC32 : BinlogChecksum.ALG_OFF));
        // a checksum-aware server always leaves room for the format description's checksum
        append(BinlogEventType.FORMAT_DESCRIPTION.code(), body.array(), BinlogEventHeader.FLAG_BINLOG_IN_USE, true);
    }

    SyntheticBinlog(boolean crc32) {
        this(crc32, "8.0.31");
    }

    SyntheticBinlog at(long epochSeconds) {
        timestamp = epochSeconds;
        return this;
    }

    long position() {
        return out.size();
    }

    SyntheticBinlog event(int typeCode, byte[] body) {
        return append(typeCode, body, 0, crc32);
    }

    SyntheticBinlog mysqlGtid(UUID sid, long gno) {
        ByteBuffer b = le(1 + 16 + 8 + 1 + 16);
        b.put((byte) 1);
        b.order(ByteOrder.BIG_ENDIAN).putLong(sid.getMostSignificantBits()).putLong(sid.getLeastSignificantBits());
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(gno);
        return event(BinlogEventType.GTID.code(), b.array());
    }

    SyntheticBinlog anonymousGtid() {
        return event(BinlogEventType.ANONYMOUS_GTID.code(), new byte[1 + 16 + 8 + 1 + 16]);
    }

    SyntheticBinlog mariadbGtid(long domain, long seq, int flags) {
        ByteBuffer b = le(8 + 4 + 1 + 6);
        b.putLong(seq).putInt((int) domain).put((byte) flags);
        return event(BinlogEventType.MARIADB_GTID.code(), b.array());
    }

    SyntheticBinlog query(String db, String sql) {
        byte[] dbBytes = db.getBytes(StandardCharsets.UTF_8);
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        byte[] status = {0, 0, 0, 0, 0};
        ByteBuffer b = le(13 + status.length + dbBytes.length + 1 + sqlBytes.length);
        b.putInt(42).putInt(0).put((byte) dbBytes.length).putShort((short) 0).putShort((short) status.length);
        b.put(status).put(dbBytes).put((byte) 0).put(sqlBytes);
        return event(BinlogEventType.QUERY.code(), b.array());
    }

    SyntheticBinlog rows() {
        return event(BinlogEventType.TABLE_MAP.code(), new byte[12])
                .event(BinlogEventType.WRITE_ROWS.code(), new byte[20]);
    }

    SyntheticBinlog xid(long xid) {
        return event(BinlogEventType.XID.code(), le(8).putLong(xid).array());
    }

    SyntheticBinlog rotate(String next) {
        byte[] name = next.getBytes(StandardCharsets.US_ASCII);
        return event(BinlogEventType.ROTATE.code(), le(8 + name.length).putLong(4).put(name).array());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private SyntheticBinlog append(int typeCode, byte[] body, int flags, boolean withChecksum) {
        int length = BinlogEventHeader.LENGTH + body.length + (withChecksum ? BinlogChecksum.LENGTH : 0);
        byte[] event = new byte[length];
        long position = out.size();
        new BinlogEventHeader(timestamp, typeCode, SERVER_ID, length, position + length, flags).writeTo(event, 0);
        System.arraycopy(body, 0, event, BinlogEventHeader.LENGTH, body.length);
        if (withChecksum) {
            // as a server does, the checksum covers the header with the in-use flag clear
            event[17] &= (byte) ~BinlogEventHeader.FLAG_BINLOG_IN_USE;
            BinlogChecksum.seal(event, 0, length);
            event[17] |= (byte) (flags & BinlogEventHeader.FLAG_BINLOG_IN_USE);
        }
        out.writeBytes(event);
        return this;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}

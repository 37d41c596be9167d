package io.firedrill.mysql.binlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes the GTID that starts a transaction. MySQL's GTID event body is {@code u1 flags}, a 16-byte source UUID
 * (SID) and a little-endian {@code i64} GNO, written {@code uuid:gno}; MariaDB's is {@code u8 seq_no},
 * {@code u4 domain_id}, {@code u1 flags}, written {@code domain-server-seq} with the server id from the header.
 */
public final class GtidEvents {
    private static final int MYSQL_BODY = 1 + 16 + 8;
    private static final int MARIADB_BODY = 8 + 4 + 1;

    private GtidEvents() {
    }

    /**
     * The GTID of a transaction-starting event: {@code uuid:gno} for a MySQL GTID event, {@code domain-server-seq}
     * for a MariaDB one, empty for an anonymous GTID event or any other type.
     *
     * @throws CorruptBinlogException when a GTID event's body is too short
     */
    public static Optional<String> gtidOf(BinlogEvent event) {
        return switch (event.type()) {
            case GTID -> Optional.of(mysql(event.body(), event.position()));
            case MARIADB_GTID -> Optional.of(mariadb(event.header(), event.body(), event.position()));
            default -> Optional.empty();
        };
    }

    /** The {@code uuid:gno} of a MySQL GTID event body. */
    public static String mysql(byte[] body, long position) {
        if (body.length < MYSQL_BODY) {
            throw new CorruptBinlogException(position, "GTID event at position " + position + " has a "
                    + body.length + "-byte body, shorter than " + MYSQL_BODY);
        }
        ByteBuffer be = ByteBuffer.wrap(body, 1, 16);
        UUID sid = new UUID(be.getLong(), be.getLong());
        long gno = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getLong(17);
        return sid + ":" + gno;
    }

    /** The {@code domain-server-seq} of a MariaDB GTID event with this header and body. */
    public static String mariadb(BinlogEventHeader header, byte[] body, long position) {
        if (body.length < MARIADB_BODY) {
            throw new CorruptBinlogException(position, "MariaDB GTID event at position " + position + " has a "
                    + body.length + "-byte body, shorter than " + MARIADB_BODY);
        }
        ByteBuffer le = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        long seq = le.getLong(0);
        long domain = Integer.toUnsignedLong(le.getInt(8));
        return domain + "-" + header.serverId() + "-" + Long.toUnsignedString(seq);
    }

    /** The flags byte of a MariaDB GTID event body ({@code 1} standalone, {@code 2} group commit id, …). */
    public static int mariadbFlags(byte[] body) {
        return Byte.toUnsignedInt(body[12]);
    }
}

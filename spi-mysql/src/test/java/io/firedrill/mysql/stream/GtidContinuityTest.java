package io.firedrill.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.MysqlGtidSet;
import io.firedrill.mysql.protocol.WireWriter;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GTID holes between files: a file header naming transactions the archive never received. */
class GtidContinuityTest {
    private static final UUID SID = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");

    @Test
    void mysqlPreviousGtidsBeyondWhatWasReceivedIsAHole() {
        GtidContinuity continuity = new GtidContinuity();
        assertEquals(Optional.empty(), continuity.accept(previousGtids("")));
        assertEquals(Optional.empty(), continuity.accept(mysqlGtid(1)));
        assertEquals(Optional.empty(), continuity.accept(mysqlGtid(2)));
        assertEquals(Optional.empty(), continuity.accept(previousGtids(SID + ":1-2")), "the next file continues");
        Optional<String> hole = continuity.accept(previousGtids(SID + ":1-5"));
        assertTrue(hole.isPresent() && hole.get().contains(SID + ":1-5") && hole.get().contains(SID + ":1-2"),
                hole.toString());
        continuity.forget();
        assertEquals(Optional.empty(), continuity.accept(previousGtids(SID + ":1-9")), "after forget() it starts afresh");
    }

    @Test
    void mariadbGtidListAheadOfTheLastReceivedSequenceIsAHole() {
        GtidContinuity continuity = new GtidContinuity();
        assertEquals(Optional.empty(), continuity.accept(gtidList()));
        assertEquals(Optional.empty(), continuity.accept(mariadbGtid(0, 1)));
        assertEquals(Optional.empty(), continuity.accept(mariadbGtid(0, 2)));
        assertEquals(Optional.empty(), continuity.accept(gtidList(0, 2)));
        assertEquals(Optional.of("domain 0: sequence numbers 3 to 5 were never received"),
                continuity.accept(gtidList(0, 5)));
    }

    private static BinlogEvent previousGtids(String set) {
        return event(BinlogEventType.PREVIOUS_GTIDS, MysqlGtidSet.parse(set).encode());
    }

    private static BinlogEvent mysqlGtid(long gno) {
        ByteBuffer body = ByteBuffer.allocate(1 + 16 + 8);
        body.put((byte) 1).putLong(SID.getMostSignificantBits()).putLong(SID.getLeastSignificantBits());
        body.order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(gno);
        return event(BinlogEventType.GTID, body.array());
    }

    private static BinlogEvent mariadbGtid(long domain, long seq) {
        return event(BinlogEventType.MARIADB_GTID, new WireWriter().uint(seq, 8).uint(domain, 4).uint(0, 1)
                .toByteArray());
    }

    private static BinlogEvent gtidList(long... domainSeq) {
        WireWriter w = new WireWriter().uint(domainSeq.length / 2, 4);
        for (int i = 0; i < domainSeq.length; i += 2) {
            w.uint(domainSeq[i], 4).uint(1, 4).uint(domainSeq[i + 1], 8);
        }
        return event(BinlogEventType.MARIADB_GTID_LIST, w.toByteArray());
    }

    private static BinlogEvent event(BinlogEventType type, byte[] body) {
        byte[] bytes = new byte[BinlogEventHeader.LENGTH + body.length];
        BinlogEventHeader header = new BinlogEventHeader(1_700_000_000L, type.code(), 1, bytes.length,
                100 + bytes.length, 0);
        header.writeTo(bytes, 0);
        System.arraycopy(body, 0, bytes, BinlogEventHeader.LENGTH, body.length);
        return new BinlogEvent(100, header, bytes, 0);
    }
}

package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinlogIndexTest {
    private static final UUID SID = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    @Test
    void indexesMysqlTransactionsByTimeAndGtid() {
        SyntheticBinlog b = new SyntheticBinlog(true).at(1000);
        long p1 = b.position();
        b.mysqlGtid(SID, 1).query("d", "create database d");
        long p2 = b.at(1010).position();
        b.mysqlGtid(SID, 2).query("", "BEGIN").rows().xid(1);
        long p3 = b.at(1020).position();
        b.mysqlGtid(SID, 3).query("", "BEGIN").rows().xid(2);
        b.at(1030).rotate("binlog.000002");
        byte[] file = b.bytes();
        BinlogIndex index = BinlogIndex.scan(file, "binlog.000001");

        assertEquals(List.of(SID + ":1", SID + ":2", SID + ":3"), index.gtids());
        assertEquals(List.of(p1, p2, p3), index.transactions().stream().map(BinlogIndex.Transaction::position).toList());
        assertEquals(OptionalLong.of(p2), index.positionOf(SID + ":2"));
        assertEquals(OptionalLong.empty(), index.positionOf(SID + ":4"));
        assertEquals(OptionalLong.empty(), index.positionAtOrBefore(Instant.ofEpochSecond(999)));
        assertEquals(OptionalLong.of(p1), index.positionAtOrBefore(Instant.ofEpochSecond(1009)));
        assertEquals(OptionalLong.of(p2), index.positionAtOrBefore(Instant.ofEpochSecond(1010)));
        assertEquals(OptionalLong.of(p3), index.positionAtOrBefore(Instant.ofEpochSecond(5000)));
        assertEquals(OptionalLong.of(p3), index.firstPositionAfter(Instant.ofEpochSecond(1015)));
        assertEquals(OptionalLong.empty(), index.firstPositionAfter(Instant.ofEpochSecond(1020)));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), index.firstTime()); // the format description's
        assertEquals(Instant.ofEpochSecond(1030), index.lastTime());
        assertEquals(file.length, index.endPosition());
        assertTrue(index.closed());
        assertEquals("8.0.31", index.serverVersion());
    }

    @Test
    void anonymousTransactionsStartAfterThePreviousCommit() {
        SyntheticBinlog b = new SyntheticBinlog(true);
        long p1 = b.position();
        b.query("", "BEGIN").rows().xid(1);
        long p2 = b.position();
        b.query("d", "create table d.t (id int)");
        long p3 = b.position();
        b.anonymousGtid().query("", "BEGIN").rows().query("", "COMMIT");
        long p4 = b.position();
        b.rows().xid(2);
        BinlogIndex index = BinlogIndex.scan(b.bytes(), "anon");
        assertEquals(List.of(p1, p2, p3, p4),
                index.transactions().stream().map(BinlogIndex.Transaction::position).toList());
        assertTrue(index.transactions().stream().allMatch(t -> t.gtid() == null));
        assertTrue(index.gtids().isEmpty());
        assertFalse(index.closed());
    }

    @Test
    void indexesMariadbGtids() {
        SyntheticBinlog b = new SyntheticBinlog(true, "10.11.6-MariaDB-log");
        b.event(BinlogEventType.MARIADB_GTID_LIST.code(), new byte[4]);
        b.event(BinlogEventType.MARIADB_BINLOG_CHECKPOINT.code(), new byte[4]);
        long p1 = b.position();
        b.mariadbGtid(0, 5, 1).query("d", "create table d.t (id int)");
        long p2 = b.position();
        b.mariadbGtid(0, 6, 0).rows().xid(9);
        BinlogIndex index = BinlogIndex.scan(b.bytes(), "mariadb-bin.000001");
        assertEquals(List.of("0-7-5", "0-7-6"), index.gtids());
        assertEquals(OptionalLong.of(p1), index.positionOf("0-7-5"));
        assertEquals(OptionalLong.of(p2), index.positionOf("0-7-6"));
    }

    @Test
    void aTruncatedTransactionIsLeftOutAndTheEndIsTheLastCompleteEvent() {
        SyntheticBinlog b = new SyntheticBinlog(true).mysqlGtid(SID, 1).query("", "BEGIN").rows().xid(1);
        long end = b.position();
        b.mysqlGtid(SID, 2);
        byte[] file = b.bytes();
        BinlogIndex index = BinlogIndex.scan(Arrays.copyOf(file, file.length - 3), "open");
        assertEquals(List.of(SID + ":1"), index.gtids());
        assertEquals(end, index.endPosition());
    }

    @Test
    void storedFormRoundTrips() {
        SyntheticBinlog b = new SyntheticBinlog(true).mysqlGtid(SID, 1).query("", "BEGIN").rows().xid(1);
        b.query("", "BEGIN").rows().xid(2).mysqlGtid(SID, 2).query("d", "drop table d.t");
        BinlogIndex index = BinlogIndex.scan(b.bytes(), "x");
        BinlogIndex.Stored stored = index.toStored();
        assertEquals(List.of(SID + ":1", "", SID + ":2"), stored.gtids());
        BinlogIndex back = BinlogIndex.fromStored(stored);
        assertEquals(stored, back.toStored());
        assertEquals(index.transactions(), back.transactions());
        assertNull(back.transactions().get(1).gtid());
        assertEquals(index.positionOf(SID + ":2"), back.positionOf(SID + ":2"));
        assertThrows(IllegalArgumentException.class, () -> new BinlogIndex.Stored("v", 4, false, 0, 0,
                List.of(4L), List.of(), List.of()));
    }
}

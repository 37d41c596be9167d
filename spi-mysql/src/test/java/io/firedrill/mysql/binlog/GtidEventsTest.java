package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GtidEventsTest {
    @Test
    void decodesMysqlGtids() {
        UUID sid = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");
        byte[] file = new SyntheticBinlog(true).mysqlGtid(sid, 1).mysqlGtid(sid, 0x7fff_ffff_ffffL)
                .anonymousGtid().bytes();
        List<BinlogEvent> events = BinlogFileReader.readAll(file, "x");
        assertEquals(Optional.of("3e11fa47-71ca-11e1-9e33-c80aa9429562:1"), GtidEvents.gtidOf(events.get(1)));
        assertEquals(Optional.of("3e11fa47-71ca-11e1-9e33-c80aa9429562:140737488355327"),
                GtidEvents.gtidOf(events.get(2)));
        assertEquals(Optional.empty(), GtidEvents.gtidOf(events.get(3)));
        assertEquals(Optional.empty(), GtidEvents.gtidOf(events.get(0)));
    }

    @Test
    void decodesTheSidBytesInTextOrder() {
        byte[] body = new byte[25];
        for (int i = 0; i < 16; i++) {
            body[1 + i] = (byte) (0x10 + i);
        }
        body[17] = 5;
        assertEquals("10111213-1415-1617-1819-1a1b1c1d1e1f:5", GtidEvents.mysql(body, 4));
    }

    @Test
    void decodesMariadbGtidsWithTheServerIdFromTheHeader() {
        byte[] file = new SyntheticBinlog(true, "10.11.6-MariaDB-log").mariadbGtid(0, 17, 1)
                .mariadbGtid(0xffff_ffffL, 1L << 40, 2 | 8).bytes();
        List<BinlogEvent> events = BinlogFileReader.readAll(file, "x");
        assertTrue(BinlogFileReader.readAll(file, "x").size() == 3);
        assertEquals(Optional.of("0-" + SyntheticBinlog.SERVER_ID + "-17"), GtidEvents.gtidOf(events.get(1)));
        assertEquals(Optional.of("4294967295-7-1099511627776"), GtidEvents.gtidOf(events.get(2)));
        assertEquals(1, GtidEvents.mariadbFlags(events.get(1).body()));
    }

    @Test
    void shortGtidBodiesAreCorrupt() {
        assertThrows(CorruptBinlogException.class, () -> GtidEvents.mysql(new byte[24], 100));
        BinlogEventHeader header = new BinlogEventHeader(1, 162, 1, 19 + 12, 100, 0);
        assertThrows(CorruptBinlogException.class, () -> GtidEvents.mariadb(header, new byte[12], 100));
    }
}

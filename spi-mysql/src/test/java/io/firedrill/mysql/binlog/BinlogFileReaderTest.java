package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinlogFileReaderTest {
    private static final UUID SID = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");

    private static SyntheticBinlog threeTransactions(boolean crc32) {
        return new SyntheticBinlog(crc32)
                .mysqlGtid(SID, 1).query("drill", "create table t (id int)")
                .mysqlGtid(SID, 2).query("", "BEGIN").rows().xid(10)
                .mysqlGtid(SID, 3).query("", "BEGIN").rows().xid(11)
                .rotate("binlog.000002");
    }

    @Test
    void headerRoundTrips() {
        BinlogEventHeader header = new BinlogEventHeader(0xfedcba98L, 162, 0xffffffffL, 1234, 0x80000000L, 0x21);
        byte[] bytes = new byte[25];
        header.writeTo(bytes, 3);
        assertEquals(header, BinlogEventHeader.parse(bytes, 3));
        assertEquals(BinlogEventType.MARIADB_GTID, header.type());
        assertTrue(header.artificial());
    }

    @Test
    void unknownTypeCodesAreKept() {
        BinlogEventHeader header = new BinlogEventHeader(1, 250, 1, 19, 23, 0);
        assertEquals(BinlogEventType.UNKNOWN, header.type());
        assertEquals(250, header.typeCode());
        assertEquals(BinlogEventType.HEARTBEAT, BinlogEventType.of(27));
        assertEquals(BinlogEventType.MARIADB_BINLOG_CHECKPOINT, BinlogEventType.of(161));
    }

    @Test
    void readsEveryEventByteExactAndVerifiesChecksums() {
        byte[] file = threeTransactions(true).bytes();
        BinlogFileReader reader = new BinlogFileReader(file, "binlog.000001");
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(BinlogFileReader.MAGIC);
        long expected = 4;
        int count = 0;
        for (BinlogEvent e = reader.next(); e != null; e = reader.next()) {
            assertEquals(expected, e.position());
            assertEquals(4, e.checksumLength());
            assertTrue(e.type() == BinlogEventType.FORMAT_DESCRIPTION // in-use flag: see its own test
                    || BinlogChecksum.matches(e.bytes(), 0, e.bytes().length));
            expected = e.end();
            copy.writeBytes(e.bytes());
            count++;
        }
        assertEquals(1 + 2 + 5 + 5 + 1, count);
        assertArrayEquals(file, copy.toByteArray());
        assertEquals(file.length, reader.endPosition());
        assertFalse(reader.truncated());
        assertTrue(reader.formatDescription().crc32());
        assertEquals("8.0.31", reader.formatDescription().serverVersion());
        assertNull(reader.next());
    }

    @Test
    void readsFilesWithoutChecksums() {
        byte[] file = threeTransactions(false).bytes();
        List<BinlogEvent> events = BinlogFileReader.readAll(file, "nocrc");
        assertEquals(14, events.size());
        assertFalse(new BinlogFileReader(file, "nocrc").next().header().artificial());
        assertEquals(0, events.get(1).checksumLength());
        // the body excludes only the header when there is no checksum
        assertEquals(events.get(1).bytes().length - 19, events.get(1).body().length);
    }

    @Test
    void everyFlippedByteIsCaughtOrEndsInAPartialEvent() {
        byte[] file = threeTransactions(true).bytes();
        List<BinlogEvent> events = BinlogFileReader.readAll(file, "x");
        for (BinlogEvent event : events) {
            for (int i = 0; i < event.bytes().length; i++) {
                byte[] damaged = file.clone();
                damaged[(int) event.position() + i] ^= 0x40;
                String what = "flipped byte " + i + " of event at " + event.position();
                BinlogFileReader reader = new BinlogFileReader(damaged, "binlog.000009");
                try {
                    while (reader.next() != null) {
                        // read on
                    }
                    // a damaged length can only make the file look longer: then it ends in a partial event
                    assertTrue(reader.truncated(), what + " went unnoticed");
                    assertTrue(reader.endPosition() <= event.position(), what);
                } catch (CorruptBinlogException e) {
                    assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
                    assertTrue(e.position() <= event.position(), e.getMessage());
                }
            }
        }
    }

    @Test
    void aFlippedBodyByteFailsItsChecksumNamingThePosition() {
        byte[] file = threeTransactions(true).bytes();
        BinlogEvent third = BinlogFileReader.readAll(file, "x").get(2);
        file[(int) third.position() + 25] ^= 1;
        CorruptBinlogException e = assertThrows(CorruptBinlogException.class,
                () -> BinlogFileReader.readAll(file, "binlog.000003"));
        assertEquals(third.position(), e.position());
        assertTrue(e.getMessage().contains("binlog.000003"), e.getMessage());
        assertTrue(e.getMessage().contains("position " + third.position()), e.getMessage());
        assertTrue(e.getMessage().contains("CRC32"), e.getMessage());
    }

    @Test
    void aTruncatedTailStopsAtTheLastCompleteEvent() {
        byte[] file = threeTransactions(true).bytes();
        List<BinlogEvent> events = BinlogFileReader.readAll(file, "x");
        for (int cut = 0; cut < file.length; cut++) {
            byte[] partial = Arrays.copyOf(file, cut);
            BinlogFileReader reader = new BinlogFileReader(new ByteArrayInputStream(partial), "open");
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            final int length = cut;
            long complete = events.stream().filter(e -> e.end() <= length).count();
            long last = events.stream().filter(e -> e.end() <= length).mapToLong(BinlogEvent::end).max()
                    .orElse(length >= 4 ? 4 : 0);
            assertEquals(complete, n, "cut at " + cut);
            assertEquals(last, reader.endPosition(), "cut at " + cut);
            assertEquals(cut - last, reader.truncatedBytes(), "cut at " + cut);
            assertEquals(cut != last, reader.truncated());
        }
    }

    @Test
    void theInUseFlagOfAnOpenFileIsOutsideTheChecksum() {
        byte[] open = threeTransactions(true).bytes();
        assertEquals(BinlogEventHeader.FLAG_BINLOG_IN_USE, BinlogEventHeader.parse(open, 4).flags());
        byte[] closed = open.clone();
        closed[4 + 17] = 0;
        assertEquals(14, BinlogFileReader.readAll(open, "open").size());
        assertEquals(14, BinlogFileReader.readAll(closed, "closed").size());
        byte[] otherFlag = open.clone();
        otherFlag[4 + 17] |= 0x02;
        assertThrows(CorruptBinlogException.class, () -> BinlogFileReader.readAll(otherFlag, "damaged"));
    }

    @Test
    void aWrongMagicIsCorrupt() {
        byte[] file = threeTransactions(true).bytes();
        file[1] = 'x';
        CorruptBinlogException e = assertThrows(CorruptBinlogException.class,
                () -> BinlogFileReader.readAll(file, "not-a-binlog"));
        assertEquals(0, e.position());
    }

    @Test
    void oldServersHaveNoChecksumAlgorithm() {
        assertFalse(FormatDescription.checksumAware("5.5.62-log"));
        assertTrue(FormatDescription.checksumAware("5.6.1"));
        assertTrue(FormatDescription.checksumAware("5.5.68-MariaDB"));
        assertTrue(FormatDescription.checksumAware("10.11.6-MariaDB-log"));
        byte[] file = new SyntheticBinlog(false, "5.5.62-log").xid(1).bytes();
        assertEquals(2, BinlogFileReader.readAll(file, "old").size());
    }
}

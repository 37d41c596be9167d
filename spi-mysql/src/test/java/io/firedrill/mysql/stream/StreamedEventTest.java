package io.firedrill.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** How the receiver tells events of the file from events generated for the stream. */
class StreamedEventTest {
    private static final long TIME = 1_763_715_963L;

    private static final int WRITE_ROWS_V1 = 23;

    private static BinlogEventHeader header(BinlogEventType type, long length, long nextPosition, int flags) {
        return header(type.code(), length, nextPosition, flags);
    }

    private static BinlogEventHeader header(int typeCode, long length, long nextPosition, int flags) {
        return new BinlogEventHeader(TIME, typeCode, 1, length, nextPosition, flags);
    }

    /** The transaction MariaDB 11.4 wrote at 1005 of binlog.000001: only its first and last event have positions. */
    @Test
    void mariadb114EventsInsideATransactionBelongToTheFileThoughTheirPositionIsZero() {
        assertEquals(StreamedEvent.POSITIONED,
                StreamedEvent.of(header(BinlogEventType.MARIADB_GTID, 42, 1047, 0), 1005));
        assertEquals(StreamedEvent.UNPOSITIONED,
                StreamedEvent.of(header(BinlogEventType.MARIADB_ANNOTATE_ROWS, 58, 0, 0), 1047));
        assertEquals(StreamedEvent.UNPOSITIONED, StreamedEvent.of(header(BinlogEventType.TABLE_MAP, 48, 0, 0), 1105));
        assertEquals(StreamedEvent.UNPOSITIONED, StreamedEvent.of(header(WRITE_ROWS_V1, 45, 0, 0), 1153));
        BinlogEventHeader xid = header(BinlogEventType.XID, 31, 1229, 0);
        assertEquals(StreamedEvent.POSITIONED, StreamedEvent.of(xid, 1198));
        assertEquals(1198, StreamedEvent.start(xid));
    }

    @Test
    void heartbeatsAndFakeRotatesAreTheStreamsOwn() {
        assertEquals(StreamedEvent.HEARTBEAT,
                StreamedEvent.of(header(BinlogEventType.HEARTBEAT, 39, 1229, BinlogEventHeader.FLAG_ARTIFICIAL), 1229));
        assertEquals(StreamedEvent.HEARTBEAT, StreamedEvent.of(header(BinlogEventType.HEARTBEAT_V2, 40, 0, 0), 1229));
        assertEquals(StreamedEvent.FAKE_ROTATE,
                StreamedEvent.of(header(BinlogEventType.ROTATE, 44, 0, BinlogEventHeader.FLAG_ARTIFICIAL), 4));
        assertEquals(StreamedEvent.FAKE_ROTATE, StreamedEvent.of(header(BinlogEventType.ROTATE, 44, 0, 0), 900));
        assertEquals(StreamedEvent.POSITIONED, StreamedEvent.of(header(BinlogEventType.ROTATE, 44, 944, 0), 900));
    }

    @Test
    void theFormatDescriptionCountsOnlyAtTheStartOfTheFile() {
        assertEquals(StreamedEvent.POSITIONED,
                StreamedEvent.of(header(BinlogEventType.FORMAT_DESCRIPTION, 252, 256, 1), 4));
        assertEquals(StreamedEvent.NOT_IN_FILE,
                StreamedEvent.of(header(BinlogEventType.FORMAT_DESCRIPTION, 252, 0, 1), 1229));
        assertEquals(StreamedEvent.NOT_IN_FILE,
                StreamedEvent.of(header(BinlogEventType.FORMAT_DESCRIPTION, 252, 256, 1), 1229));
        assertEquals(StreamedEvent.NOT_IN_FILE,
                StreamedEvent.of(header(BinlogEventType.FORMAT_DESCRIPTION, 252, 0, 1), 4));
    }

    @Property
    void artificialEventsNeverGoIntoTheFile(@ForAll("fileEventTypes") BinlogEventType type,
            @ForAll @LongRange(min = 0, max = 0xffff_ffffL) long nextPosition,
            @ForAll @LongRange(min = 4, max = 1L << 40) long fileSize) {
        assertEquals(StreamedEvent.NOT_IN_FILE,
                StreamedEvent.of(header(type, 40, nextPosition, BinlogEventHeader.FLAG_ARTIFICIAL), fileSize));
    }

    @Property
    void otherEventsWithoutPositionGoWhereTheFileEnds(@ForAll("fileEventTypes") BinlogEventType type,
            @ForAll @LongRange(min = 4, max = 1L << 40) long fileSize) {
        assertEquals(StreamedEvent.UNPOSITIONED, StreamedEvent.of(header(type, 40, 0, 0), fileSize));
    }

    @Provide
    Arbitrary<BinlogEventType> fileEventTypes() {
        return Arbitraries.of(BinlogEventType.class).filter(t -> t != BinlogEventType.HEARTBEAT
                && t != BinlogEventType.HEARTBEAT_V2 && t != BinlogEventType.ROTATE
                && t != BinlogEventType.FORMAT_DESCRIPTION && t != BinlogEventType.UNKNOWN);
    }
}

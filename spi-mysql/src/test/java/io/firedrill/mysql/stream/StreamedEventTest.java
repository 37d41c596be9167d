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

    private static BinlogEventHeader header(int typeCode, long length, long nextPosition, int flags) {
        return new BinlogEventHeader(TIME, typeCode, 1, length, nextPosition, flags);
    }

    private static StreamedEvent kind(BinlogEventType type, long length, long nextPosition, int flags,
            long fileSize) {
        return StreamedEvent.of(header(type.code(), length, nextPosition, flags), fileSize);
    }

    /**
     * The transaction MariaDB 11.4 wrote at 1005 of binlog.000001 (GTID, annotate rows, table map, write rows v1,
     * XID): only its first and last events have positions, all five belong to the file, back to back.
     */
    @Test
    void mariadb114EventsInsideATransactionBelongToTheFileThoughTheirPositionIsZero() {
        int[][] events = {
            {BinlogEventType.MARIADB_GTID.code(), 42, 1047},
            {BinlogEventType.MARIADB_ANNOTATE_ROWS.code(), 58, 0},
            {BinlogEventType.TABLE_MAP.code(), 48, 0},
            {WRITE_ROWS_V1, 45, 0},
            {BinlogEventType.XID.code(), 31, 1229},
        };
        long fileSize = 1005;
        for (int[] event : events) {
            BinlogEventHeader header = header(event[0], event[1], event[2], 0);
            StreamedEvent kind = StreamedEvent.of(header, fileSize);
            assertEquals(event[2] == 0 ? StreamedEvent.UNPOSITIONED : StreamedEvent.POSITIONED, kind);
            if (kind == StreamedEvent.POSITIONED) {
                assertEquals(fileSize, StreamedEvent.start(header));
            }
            fileSize += event[1];
        }
        assertEquals(1229, fileSize);
    }

    @Test
    void heartbeatsAndFakeRotatesAreTheStreamsOwn() {
        int artificial = BinlogEventHeader.FLAG_ARTIFICIAL;
        assertEquals(StreamedEvent.HEARTBEAT, kind(BinlogEventType.HEARTBEAT, 39, 1229, artificial, 1229));
        assertEquals(StreamedEvent.HEARTBEAT, kind(BinlogEventType.HEARTBEAT_V2, 40, 0, 0, 1229));
        assertEquals(StreamedEvent.FAKE_ROTATE, kind(BinlogEventType.ROTATE, 44, 0, artificial, 4));
        assertEquals(StreamedEvent.FAKE_ROTATE, kind(BinlogEventType.ROTATE, 44, 0, 0, 900));
        assertEquals(StreamedEvent.POSITIONED, kind(BinlogEventType.ROTATE, 44, 944, 0, 900));
    }

    /** Servers resend the format description (position 0 or its real one) when a dump starts mid-file. */
    @Test
    void theFormatDescriptionCountsOnlyAtTheStartOfTheFile() {
        assertEquals(StreamedEvent.POSITIONED, kind(BinlogEventType.FORMAT_DESCRIPTION, 252, 256, 1, 4));
        assertEquals(StreamedEvent.NOT_IN_FILE, kind(BinlogEventType.FORMAT_DESCRIPTION, 252, 0, 1, 1229));
        assertEquals(StreamedEvent.NOT_IN_FILE, kind(BinlogEventType.FORMAT_DESCRIPTION, 252, 256, 1, 1229));
        assertEquals(StreamedEvent.NOT_IN_FILE, kind(BinlogEventType.FORMAT_DESCRIPTION, 252, 0, 1, 4));
    }

    @Property
    void artificialEventsNeverGoIntoTheFile(@ForAll("fileEventTypes") BinlogEventType type,
            @ForAll @LongRange(min = 0, max = 0xffff_ffffL) long nextPosition,
            @ForAll @LongRange(min = 4, max = 1L << 40) long fileSize) {
        assertEquals(StreamedEvent.NOT_IN_FILE,
                kind(type, 40, nextPosition, BinlogEventHeader.FLAG_ARTIFICIAL, fileSize));
    }

    @Property
    void otherEventsWithoutPositionGoWhereTheFileEnds(@ForAll("fileEventTypes") BinlogEventType type,
            @ForAll @LongRange(min = 4, max = 1L << 40) long fileSize) {
        assertEquals(StreamedEvent.UNPOSITIONED, kind(type, 40, 0, 0, fileSize));
    }

    @Provide
    Arbitrary<BinlogEventType> fileEventTypes() {
        return Arbitraries.of(BinlogEventType.class).filter(t -> t != BinlogEventType.HEARTBEAT
                && t != BinlogEventType.HEARTBEAT_V2 && t != BinlogEventType.ROTATE
                && t != BinlogEventType.FORMAT_DESCRIPTION && t != BinlogEventType.UNKNOWN);
    }
}

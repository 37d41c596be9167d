package io.firedrill.mysql.stream;

import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;

/**
 * What an event that arrived in the binlog stream is to the archived copy of the file being received.
 *
 * <p>A next position ({@code log_pos}) of 0 does not make an event one generated for the stream: MariaDB 11.4
 * (with {@code binlog_legacy_event_pos=OFF}, its default) writes 0 there on every event inside a transaction but
 * the GTID event that opens it and the event that commits it. Such an event belongs where the file ends; the
 * next event that states its position checks that nothing was left out in between.
 */
enum StreamedEvent {
    /** A heartbeat: the server has nothing new. Not written. */
    HEARTBEAT,
    /** A rotate the server generated to name the file that the following events belong to. Not written. */
    FAKE_ROTATE,
    /** An event flagged artificial, or the format description resent when resuming mid-file. Not written. */
    NOT_IN_FILE,
    /** An event of the file whose next position says where it starts: checked against where the file ends. */
    POSITIONED,
    /** An event of the file without a next position: it goes where the file ends. */
    UNPOSITIONED;

    /**
     * Classifies an event of the stream.
     *
     * @param header the event's header
     * @param fileSize how many bytes of the file were received before this event
     */
    static StreamedEvent of(BinlogEventHeader header, long fileSize) {
        BinlogEventType type = header.type();
        boolean positioned = header.nextPosition() != 0;
        if (type == BinlogEventType.HEARTBEAT || type == BinlogEventType.HEARTBEAT_V2) {
            return HEARTBEAT;
        }
        if (type == BinlogEventType.ROTATE && (header.artificial() || !positioned)) {
            return FAKE_ROTATE;
        }
        if (header.artificial() || (type == BinlogEventType.FORMAT_DESCRIPTION
                && (!positioned || fileSize > BinlogReceiver.FIRST_EVENT))) {
            return NOT_IN_FILE;
        }
        return positioned ? POSITIONED : UNPOSITIONED;
    }

    /** The offset where a {@link #POSITIONED} event starts in its file (modulo 2³², as servers count). */
    static long start(BinlogEventHeader header) {
        return (header.nextPosition() - header.eventLength()) & 0xffff_ffffL;
    }
}

package io.firedrill.mysql.binlog;

/**
 * The binlog event types the engine cares about. Codes from 160 up are MariaDB's; a code this enum does not
 * list maps to {@link #UNKNOWN}, and {@link BinlogEventHeader#typeCode()} still has it.
 */
public enum BinlogEventType {
    /** Any code not listed here. */
    UNKNOWN(-1),
    /** A statement (BEGIN, COMMIT, DDL, or statement-based DML). */
    QUERY(2),
    /** The server stopped; the last event of a file closed by shutdown. */
    STOP(3),
    /** Names the next binlog file; ends a file closed by rotation. */
    ROTATE(4),
    /** Describes the file's format and checksum algorithm; the first event of every file. */
    FORMAT_DESCRIPTION(15),
    /** Commits an XA-capable (InnoDB) transaction. */
    XID(16),
    /** Maps a table id to a table for the row events that follow. */
    TABLE_MAP(19),
    /** Something happened that a replica cannot reproduce. */
    INCIDENT(26),
    /** Sent by a source on an idle stream; never stored in a file. */
    HEARTBEAT(27),
    /** MySQL: the SQL text of the following row events. */
    ROWS_QUERY(29),
    /** Row inserts (version 2). */
    WRITE_ROWS(30),
    /** Row updates (version 2). */
    UPDATE_ROWS(31),
    /** Row deletes (version 2). */
    DELETE_ROWS(32),
    /** MySQL: starts a transaction with a GTID. */
    GTID(33),
    /** MySQL: starts a transaction without a GTID. */
    ANONYMOUS_GTID(34),
    /** MySQL: the GTIDs of all earlier files; second event of every file. */
    PREVIOUS_GTIDS(35),
    /** MySQL: prepares an XA transaction. */
    XA_PREPARE(38),
    /** MySQL 8.0.20+: a compressed transaction. */
    TRANSACTION_PAYLOAD(40),
    /** MySQL 8.0: a heartbeat with a 64-bit position (MariaDB has no second heartbeat version). */
    HEARTBEAT_V2(41),
    /** MySQL 8.3+: starts a transaction with a tagged GTID. */
    GTID_TAGGED(42),
    /** MariaDB: the SQL text of the following row events. */
    MARIADB_ANNOTATE_ROWS(160),
    /** MariaDB: names the oldest binlog file crash recovery needs. */
    MARIADB_BINLOG_CHECKPOINT(161),
    /** MariaDB: starts a transaction with a domain-server-sequence GTID. */
    MARIADB_GTID(162),
    /** MariaDB: the last GTID of each domain before this file; follows the format description. */
    MARIADB_GTID_LIST(163),
    /** MariaDB: the rest of the file is encrypted. */
    MARIADB_START_ENCRYPTION(164);

    private static final BinlogEventType[] BY_CODE = new BinlogEventType[256];

    static {
        for (BinlogEventType type : values()) {
            if (type.code >= 0) {
                BY_CODE[type.code] = type;
            }
        }
    }

    private final int code;

    BinlogEventType(int code) {
        this.code = code;
    }

    /** The type code, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The type of {@code code}, or {@link #UNKNOWN}. */
    public static BinlogEventType of(int code) {
        BinlogEventType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return type == null ? UNKNOWN : type;
    }

    /** Whether this type starts a transaction (a MySQL or MariaDB GTID event, or MySQL's anonymous one). */
    public boolean startsTransaction() {
        return this == GTID || this == ANONYMOUS_GTID || this == GTID_TAGGED || this == MARIADB_GTID;
    }
}

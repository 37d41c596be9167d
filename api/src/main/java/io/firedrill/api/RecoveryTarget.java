package io.firedrill.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Where point-in-time recovery stops. Build one with a factory, then adjust it with the {@code with…} methods:
 * {@code RecoveryTarget.time(t).exclusive().endAction(EndAction.PROMOTE)}.
 *
 * @param kind what {@code value} means
 * @param value the target: an ISO-8601 instant, an LSN such as {@code 0/3000060}, a transaction id, a restore
 *     point name, a binlog position such as {@code binlog.000042:1337}, a GTID, or a {@code schema.table}; empty for
 *     {@link Kind#LATEST} and {@link Kind#IMMEDIATE}
 * @param inclusive whether recovery stops just after the target (true, the default) or just before it
 * @param timeline {@code latest} (the default), {@code current}, or a timeline number
 * @param endAction what the server does once the target is reached
 */
public record RecoveryTarget(Kind kind, String value, boolean inclusive, String timeline, EndAction endAction) {

    /** Kinds of target. */
    public enum Kind {
        /** Replay every archived log. */
        LATEST,
        /** Stop as soon as the backup is consistent. */
        IMMEDIATE,
        /** Stop at a point in time. */
        TIME,
        /** Stop at a log position (PostgreSQL LSN). */
        LSN,
        /** Stop at a transaction id. */
        XID,
        /** Stop at a named restore point ({@code pg_create_restore_point}). */
        RESTORE_POINT,
        /**
         * Stop just before the first transaction, after the backup, that dropped or truncated a table
         * ({@code value} = {@code schema.table}), found by scanning the archived logs.
         */
        BEFORE_DROP,
        /**
         * Stop at a MySQL or MariaDB binlog position ({@code value} = {@code file:position}, such as
         * {@code binlog.000042:1337}): the state just before the event at that position, as {@code mysqlbinlog
         * --stop-position} reads it. Every transaction starting before the position is applied; one the position cuts
         * through is completed when inclusive and left out when exclusive. PostgreSQL rejects it.
         */
        BINLOG_POSITION,
        /**
         * Stop at a MySQL ({@code uuid:number}) or MariaDB ({@code domain-server-sequence}) GTID: that transaction is
         * kept when inclusive and left out when exclusive. PostgreSQL rejects it.
         */
        GTID
    }

    /** What the recovered server does at the target. */
    public enum EndAction {
        /** End recovery and accept writes (the default for restores to a new location). */
        PROMOTE,
        /** Stay in recovery, read-only, so the result can be inspected before promoting. */
        PAUSE,
        /** Shut down once the target is reached. */
        SHUTDOWN
    }

    private static final String MYSQL_GTID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}:[1-9][0-9]{0,18}";
    private static final String MARIADB_GTID = "[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}";

    /** Validates. */
    public RecoveryTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(endAction, "endAction");
        if (!timeline.equals("latest") && !timeline.equals("current") && !timeline.matches("[1-9][0-9]{0,9}")) {
            throw new InvalidConfigurationException("timeline '" + timeline + "' is not valid",
                    "use \"latest\", \"current\" or a timeline number such as \"2\"");
        }
        switch (kind) {
            case LATEST, IMMEDIATE -> {
                if (!value.isEmpty()) {
                    throw new InvalidConfigurationException(kind + " targets take no value, got '" + value + "'", null);
                }
            }
            case TIME -> Instant.parse(value);
            case LSN -> {
                if (!value.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")) {
                    throw new InvalidConfigurationException("LSN '" + value + "' is malformed",
                            "an LSN looks like 0/3000060 (two hexadecimal numbers)");
                }
            }
            case XID -> {
                if (!value.matches("[0-9]{1,20}")) {
                    throw new InvalidConfigurationException("transaction id '" + value + "' is not a number", null);
                }
            }
            case RESTORE_POINT -> {
                if (value.isEmpty() || value.length() > 63 || value.contains("'")) {
                    throw new InvalidConfigurationException("restore point name '" + value + "' is not valid",
                            "use the name given to pg_create_restore_point (at most 63 characters, no quote)");
                }
            }
            case BEFORE_DROP -> {
                if (!value.matches("[^.\\s]+\\.[^.\\s]+")) {
                    throw new InvalidConfigurationException("table '" + value + "' is not schema-qualified",
                            "name the table as schema.table, for example public.customers");
                }
            }
            case BINLOG_POSITION -> {
                if (!value.matches("[^\\s:/]+:[0-9]{1,19}")) {
                    throw new InvalidConfigurationException("binlog position '" + value + "' is malformed",
                            "write it as file:position, for example binlog.000042:1337");
                }
            }
            case GTID -> {
                if (!value.matches(MYSQL_GTID) && !value.matches(MARIADB_GTID)) {
                    throw new InvalidConfigurationException("GTID '" + value + "' is malformed",
                            "a MySQL GTID looks like 3e11fa47-71ca-11e1-9e33-c80aa9429562:23, a MariaDB one like 0-1-42");
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Replay everything archived, then promote. */
    public static RecoveryTarget latest() {
        return new RecoveryTarget(Kind.LATEST, "", true, "latest", EndAction.PROMOTE);
    }

    /** Stop as soon as the restored backup is consistent. */
    public static RecoveryTarget immediate() {
        return new RecoveryTarget(Kind.IMMEDIATE, "", true, "latest", EndAction.PROMOTE);
    }

    /** Stop at a point in time (commits at or before it are kept when inclusive). */
    public static RecoveryTarget time(Instant time) {
        return new RecoveryTarget(Kind.TIME, time.toString(), true, "latest", EndAction.PROMOTE);
    }

    /** Stop at a log sequence number such as {@code 0/3000060}. */
    public static RecoveryTarget lsn(String lsn) {
        return new RecoveryTarget(Kind.LSN, lsn, true, "latest", EndAction.PROMOTE);
    }

    /** Stop at a transaction id. */
    public static RecoveryTarget xid(long xid) {
        return new RecoveryTarget(Kind.XID, Long.toString(xid), true, "latest", EndAction.PROMOTE);
    }

    /** Stop at a named restore point. */
    public static RecoveryTarget restorePoint(String name) {
        return new RecoveryTarget(Kind.RESTORE_POINT, name, true, "latest", EndAction.PROMOTE);
    }

    /**
     * Stop just before the transaction that dropped or truncated {@code table} ({@code schema.table}): the
     * "undo the accident" target. The table must have existed when the backup was taken.
     */
    public static RecoveryTarget beforeDropOf(String table) {
        return new RecoveryTarget(Kind.BEFORE_DROP, table, false, "latest", EndAction.PROMOTE);
    }

    /**
     * Stop at a MySQL or MariaDB binlog position: the state just before the event at that position, such as a
     * {@code SHOW MASTER STATUS} position noted earlier or the {@code Pos} of an event in {@code SHOW BINLOG EVENTS}.
     * Every transaction that starts before the position is applied. When the position falls inside a transaction
     * (the {@code Query} event of a {@code DROP TABLE}, after its GTID event), inclusive (the default) completes that
     * transaction and {@link #exclusive()} leaves it out.
     *
     * @param file the binlog file name, such as {@code binlog.000042} (no directory)
     * @param position the byte offset in that file (4 or more)
     */
    public static RecoveryTarget binlogPosition(String file, long position) {
        Objects.requireNonNull(file, "file");
        if (position < 4) {
            throw new InvalidConfigurationException("binlog position " + position + " in " + file
                    + " is before the first event", "binlog events start at offset 4");
        }
        return new RecoveryTarget(Kind.BINLOG_POSITION, file + ":" + position, true, "latest", EndAction.PROMOTE);
    }

    /**
     * Stop at a GTID: MySQL's {@code uuid:number} or MariaDB's {@code domain-server-sequence}. Inclusive (the
     * default) keeps that transaction, {@link #exclusive()} stops just before it.
     */
    public static RecoveryTarget gtid(String gtid) {
        return new RecoveryTarget(Kind.GTID, Objects.requireNonNull(gtid, "gtid").strip(), true, "latest",
                EndAction.PROMOTE);
    }

    /** Stop just before the target instead of just after it. */
    public RecoveryTarget exclusive() {
        return new RecoveryTarget(kind, value, false, timeline, endAction);
    }

    /** Follow this timeline: {@code latest}, {@code current}, or a number. */
    public RecoveryTarget onTimeline(String timeline) {
        return new RecoveryTarget(kind, value, inclusive, timeline, endAction);
    }

    /** What the server does at the target. */
    public RecoveryTarget endAction(EndAction action) {
        return new RecoveryTarget(kind, value, inclusive, timeline, action);
    }
}

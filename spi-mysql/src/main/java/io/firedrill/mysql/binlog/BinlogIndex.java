package io.firedrill.mysql.binlog;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The index of one binlog file: where each transaction starts, when, and under which GTID, so that a recovery
 * target (a time or a GTID) resolves to a file and position without downloading every archived file. A transaction
 * starts at its GTID event (MySQL, MariaDB or MySQL's anonymous one) or, in a file without GTID events, at the
 * first event after the previous transaction's commit. {@link #toStored()} gives a JSON-friendly form to keep next
 * to the archived file.
 */
public final class BinlogIndex {
    /** Events that neither start nor belong to a transaction. */
    private static final Set<BinlogEventType> FILE_EVENTS = EnumSet.of(BinlogEventType.FORMAT_DESCRIPTION,
            BinlogEventType.ROTATE, BinlogEventType.STOP, BinlogEventType.PREVIOUS_GTIDS,
            BinlogEventType.HEARTBEAT, BinlogEventType.HEARTBEAT_V2, BinlogEventType.INCIDENT,
            BinlogEventType.MARIADB_GTID_LIST, BinlogEventType.MARIADB_BINLOG_CHECKPOINT,
            BinlogEventType.MARIADB_START_ENCRYPTION, BinlogEventType.UNKNOWN);

    /**
     * One transaction's start.
     *
     * @param position the file offset of its first event
     * @param timestamp that event's header timestamp, in seconds since the epoch
     * @param gtid its GTID ({@code uuid:gno} or {@code domain-server-seq}), or {@code null} when anonymous
     */
    public record Transaction(long position, long timestamp, String gtid) {
        /** The timestamp as an instant. */
        public Instant time() {
            return Instant.ofEpochSecond(timestamp);
        }
    }

    /**
     * The index as plain values, for JSON: three parallel lists (anonymous GTIDs are empty strings).
     *
     * @param serverVersion the server version from the file's format description
     * @param endPosition the offset just past the last complete event
     * @param closed whether the file ends with a ROTATE or STOP event (the server finished it)
     * @param firstTimestamp the first non-zero event timestamp in seconds, or 0 when there is none
     * @param lastTimestamp the last non-zero event timestamp in seconds, or 0
     * @param positions each transaction's start position
     * @param timestamps each transaction's timestamp in seconds
     * @param gtids each transaction's GTID, or {@code ""}
     */
    public record Stored(String serverVersion, long endPosition, boolean closed, long firstTimestamp,
            long lastTimestamp, List<Long> positions, List<Long> timestamps, List<String> gtids) {
        /** Checks that the lists have the same length and copies them. */
        public Stored {
            Objects.requireNonNull(serverVersion, "serverVersion");
            positions = List.copyOf(positions);
            timestamps = List.copyOf(timestamps);
            gtids = List.copyOf(gtids);
            if (positions.size() != timestamps.size() || positions.size() != gtids.size()) {
                throw new IllegalArgumentException("a stored binlog index needs as many positions ("
                        + positions.size() + ") as timestamps (" + timestamps.size() + ") and GTIDs ("
                        + gtids.size() + ")");
            }
        }
    }

    private final String serverVersion;
    private final long endPosition;
    private final boolean closed;
    private final long firstTimestamp;
    private final long lastTimestamp;
    private final List<Transaction> transactions;
    private final Map<String, Long> byGtid = new HashMap<>();

    private BinlogIndex(String serverVersion, long endPosition, boolean closed, long firstTimestamp,
            long lastTimestamp, List<Transaction> transactions) {
        this.serverVersion = serverVersion;
        this.endPosition = endPosition;
        this.closed = closed;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
        this.transactions = List.copyOf(transactions);
        for (Transaction t : this.transactions) {
            if (t.gtid() != null) {
                byGtid.putIfAbsent(t.gtid(), t.position());
            }
        }
    }

    /** Reads and indexes a whole file, verifying its checksums; a truncated tail is left out of the index. */
    public static BinlogIndex scan(BinlogFileReader reader) {
        Builder builder = new Builder();
        for (BinlogEvent event = reader.next(); event != null; event = reader.next()) {
            builder.add(event);
        }
        FormatDescription fde = reader.formatDescription();
        return builder.build(fde == null ? "" : fde.serverVersion(), reader.endPosition());
    }

    /** Indexes the file held in {@code bytes}. */
    public static BinlogIndex scan(byte[] bytes, String name) {
        return scan(new BinlogFileReader(bytes, name));
    }

    /** Indexes the file read from {@code in} (not closed). */
    public static BinlogIndex scan(InputStream in, String name) {
        return scan(new BinlogFileReader(in, name));
    }

    /** Rebuilds an index from its stored form. */
    public static BinlogIndex fromStored(Stored stored) {
        List<Transaction> transactions = new ArrayList<>(stored.positions().size());
        for (int i = 0; i < stored.positions().size(); i++) {
            String gtid = stored.gtids().get(i);
            transactions.add(new Transaction(stored.positions().get(i), stored.timestamps().get(i),
                    gtid.isEmpty() ? null : gtid));
        }
        return new BinlogIndex(stored.serverVersion(), stored.endPosition(), stored.closed(),
                stored.firstTimestamp(), stored.lastTimestamp(), transactions);
    }

    /** The JSON-friendly form of this index. */
    public Stored toStored() {
        List<Long> positions = new ArrayList<>(transactions.size());
        List<Long> timestamps = new ArrayList<>(transactions.size());
        List<String> gtids = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            positions.add(t.position());
            timestamps.add(t.timestamp());
            gtids.add(t.gtid() == null ? "" : t.gtid());
        }
        return new Stored(serverVersion, endPosition, closed, firstTimestamp, lastTimestamp, positions,
                timestamps, gtids);
    }

    /** The transactions in file order. */
    public List<Transaction> transactions() {
        return transactions;
    }

    /** The GTIDs in file order (anonymous transactions left out). */
    public List<String> gtids() {
        List<String> gtids = new ArrayList<>();
        for (Transaction t : transactions) {
            if (t.gtid() != null) {
                gtids.add(t.gtid());
            }
        }
        return Collections.unmodifiableList(gtids);
    }

    /**
     * The start of the last transaction (in file order) whose timestamp is at or before {@code time}; empty when
     * every transaction is later.
     */
    public OptionalLong positionAtOrBefore(Instant time) {
        long seconds = time.getEpochSecond();
        OptionalLong found = OptionalLong.empty();
        for (Transaction t : transactions) {
            if (t.timestamp() <= seconds) {
                found = OptionalLong.of(t.position());
            }
        }
        return found;
    }

    /**
     * The start of the first transaction whose timestamp is after {@code time}: replaying up to (not including)
     * it recovers to {@code time}. Empty when no transaction in this file is later.
     */
    public OptionalLong firstPositionAfter(Instant time) {
        long seconds = time.getEpochSecond();
        for (Transaction t : transactions) {
            if (t.timestamp() > seconds) {
                return OptionalLong.of(t.position());
            }
        }
        return OptionalLong.empty();
    }

    /** Where the transaction with this GTID starts, or empty when it is not in this file. */
    public OptionalLong positionOf(String gtid) {
        Long position = byGtid.get(gtid);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** The server version from the format description, or {@code ""}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The offset just past the last complete event: where reading an open file resumes. */
    public long endPosition() {
        return endPosition;
    }

    /** Whether the file ends with a ROTATE or STOP event, so no more events will be appended. */
    public boolean closed() {
        return closed;
    }

    /** The first non-zero event timestamp, or {@link Instant#EPOCH} when there is none. */
    public Instant firstTime() {
        return Instant.ofEpochSecond(firstTimestamp);
    }

    /** The last non-zero event timestamp, or {@link Instant#EPOCH} when there is none. */
    public Instant lastTime() {
        return Instant.ofEpochSecond(lastTimestamp);
    }

    /** Builds an index one event at a time, as an archiver receives them. */
    public static final class Builder {
        private final List<Transaction> transactions = new ArrayList<>();
        private boolean inTransaction;
        private boolean closed;
        private long firstTimestamp;
        private long lastTimestamp;

        /** Accounts for the next event of the file. */
        public Builder add(BinlogEvent event) {
            BinlogEventHeader header = event.header();
            if (header.artificial()) {
                return this;
            }
            if (header.timestamp() != 0) {
                if (firstTimestamp == 0) {
                    firstTimestamp = header.timestamp();
                }
                lastTimestamp = header.timestamp();
            }
            BinlogEventType type = header.type();
            closed = type == BinlogEventType.ROTATE || type == BinlogEventType.STOP;
            if (type.startsTransaction()) {
                transactions.add(new Transaction(event.position(), header.timestamp(),
                        GtidEvents.gtidOf(event).orElse(null)));
                inTransaction = true;
                return this;
            }
            if (FILE_EVENTS.contains(type)) {
                return this;
            }
            if (!inTransaction) {
                transactions.add(new Transaction(event.position(), header.timestamp(), null));
                inTransaction = true;
            }
            if (ends(type, event)) {
                inTransaction = false;
            }
            return this;
        }

        private static boolean ends(BinlogEventType type, BinlogEvent event) {
            return switch (type) {
                case XID, XA_PREPARE, TRANSACTION_PAYLOAD -> true;
                case QUERY -> !QueryEvents.begins(QueryEvents.statement(event.body()));
                default -> false;
            };
        }

        /**
         * The index so far.
         *
         * @param serverVersion the server version from the format description
         * @param endPosition the offset just past the last event added
         */
        public BinlogIndex build(String serverVersion, long endPosition) {
            return new BinlogIndex(serverVersion, endPosition, closed, firstTimestamp, lastTimestamp, transactions);
        }
    }
}

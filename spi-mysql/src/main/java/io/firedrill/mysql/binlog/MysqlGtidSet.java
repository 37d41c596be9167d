package io.firedrill.mysql.binlog;

import io.firedrill.mysql.protocol.WireReader;
import io.firedrill.mysql.protocol.WireWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set: per source UUID, disjoint closed intervals of transaction numbers, written
 * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,…}. Its binary form, used by {@code PREVIOUS_GTIDS} events and
 * {@code COM_BINLOG_DUMP_GTID}, is {@code u8 n_sids}, then per source the 16-byte UUID, {@code u8 n_intervals} and
 * per interval {@code u8 start}, {@code u8 end} with an exclusive end, all little-endian. Immutable.
 */
public final class MysqlGtidSet implements GtidSet {
    private static final String UUID_TEXT = "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}";
    private static final Pattern ELEMENT = Pattern.compile(UUID_TEXT + "(:[0-9]{1,18}(-[0-9]{1,18})?)+");
    private static final Pattern GTID = Pattern.compile(UUID_TEXT + ":[0-9]{1,18}");
    private final TreeMap<UUID, List<long[]>> intervals;

    private MysqlGtidSet(TreeMap<UUID, List<long[]>> intervals) {
        this.intervals = intervals;
    }

    /** The empty set. */
    public static MysqlGtidSet empty() {
        return new MysqlGtidSet(new TreeMap<>());
    }

    /**
     * Parses the text form; blanks and newlines are ignored, an empty string is the empty set. Source UUIDs may be
     * written in either case.
     *
     * @throws IllegalArgumentException naming the element that is not {@code uuid:interval[:interval…]}
     */
    public static MysqlGtidSet parse(String text) {
        MysqlGtidSet set = empty();
        String compact = text.replaceAll("\\s", "");
        if (compact.isEmpty()) {
            return set;
        }
        for (String source : compact.split(",")) {
            if (!ELEMENT.matcher(source).matches()) {
                throw new IllegalArgumentException("'" + source + "' is not a MySQL GTID set element (uuid:interval, "
                        + "such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7)");
            }
            String[] parts = source.split(":");
            UUID uuid = UUID.fromString(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                String[] bounds = parts[i].split("-");
                long start = Long.parseLong(bounds[0]);
                long end = bounds.length > 1 ? Long.parseLong(bounds[1]) : start;
                set = set.with(uuid, start, end);
            }
        }
        return set;
    }

    /** Decodes the binary form from {@code r}. */
    public static MysqlGtidSet decode(WireReader r) {
        MysqlGtidSet set = empty();
        long sources = r.uint(8);
        for (long s = 0; s < sources; s++) {
            ByteBuffer be = ByteBuffer.wrap(r.bytes(16));
            UUID uuid = new UUID(be.getLong(), be.getLong());
            long n = r.uint(8);
            for (long i = 0; i < n; i++) {
                long start = r.uint(8);
                long endExclusive = r.uint(8);
                set = set.with(uuid, start, endExclusive - 1);
            }
        }
        return set;
    }

    /** The binary form. */
    public byte[] encode() {
        WireWriter w = new WireWriter().uint(intervals.size(), 8);
        for (Map.Entry<UUID, List<long[]>> e : intervals.entrySet()) {
            ByteBuffer uuid = ByteBuffer.allocate(16).putLong(e.getKey().getMostSignificantBits())
                    .putLong(e.getKey().getLeastSignificantBits());
            w.bytes(uuid.array()).uint(e.getValue().size(), 8);
            for (long[] interval : e.getValue()) {
                w.uint(interval[0], 8).uint(interval[1] + 1, 8);
            }
        }
        return w.toByteArray();
    }

    /** This set plus {@code uuid:start-end}. */
    public MysqlGtidSet with(UUID uuid, long start, long end) {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("not a GTID interval: " + uuid + ":" + start + "-" + end);
        }
        TreeMap<UUID, List<long[]>> copy = copy();
        List<long[]> list = copy.computeIfAbsent(uuid, u -> new ArrayList<>());
        list.add(new long[] {start, end});
        list.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] interval : list) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && interval[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], interval[1]);
            } else {
                merged.add(interval.clone());
            }
        }
        copy.put(uuid, merged);
        return new MysqlGtidSet(copy);
    }

    /** This set plus the GTID {@code uuid:gno} written as text. */
    public MysqlGtidSet with(String gtid) {
        int colon = gtid.lastIndexOf(':');
        long gno = Long.parseLong(gtid.substring(colon + 1));
        return with(UUID.fromString(gtid.substring(0, colon)), gno, gno);
    }

    /** The GTIDs of this set and of {@code other}. */
    public MysqlGtidSet union(MysqlGtidSet other) {
        MysqlGtidSet out = this;
        for (Map.Entry<UUID, List<long[]>> e : other.intervals.entrySet()) {
            for (long[] interval : e.getValue()) {
                out = out.with(e.getKey(), interval[0], interval[1]);
            }
        }
        return out;
    }

    /** Whether every GTID of this set is in {@code other}. */
    public boolean isSubsetOf(MysqlGtidSet other) {
        for (Map.Entry<UUID, List<long[]>> e : intervals.entrySet()) {
            List<long[]> theirs = other.intervals.getOrDefault(e.getKey(), List.of());
            for (long[] mine : e.getValue()) {
                boolean covered = theirs.stream().anyMatch(t -> t[0] <= mine[0] && mine[1] <= t[1]);
                if (!covered) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code gtid}, written {@code uuid:n}, is in this set; anything else is not. */
    @Override
    public boolean contains(String gtid) {
        String g = gtid.strip();
        if (!GTID.matcher(g).matches()) {
            return false;
        }
        int colon = g.lastIndexOf(':');
        long n = Long.parseLong(g.substring(colon + 1));
        List<long[]> theirs = intervals.getOrDefault(UUID.fromString(g.substring(0, colon)), List.of());
        return theirs.stream().anyMatch(i -> i[0] <= n && n <= i[1]);
    }

    @Override
    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    private TreeMap<UUID, List<long[]>> copy() {
        TreeMap<UUID, List<long[]>> copy = new TreeMap<>();
        intervals.forEach((k, v) -> {
            List<long[]> list = new ArrayList<>();
            v.forEach(i -> list.add(i.clone()));
            copy.put(k, list);
        });
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MysqlGtidSet other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<UUID, List<long[]>> e : intervals.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey());
            for (long[] i : e.getValue()) {
                sb.append(':').append(i[0]);
                if (i[1] != i[0]) {
                    sb.append('-').append(i[1]);
                }
            }
        }
        return sb.toString();
    }
}

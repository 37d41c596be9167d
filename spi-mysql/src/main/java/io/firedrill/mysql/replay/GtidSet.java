package io.firedrill.mysql.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of GTIDs as the servers print them, enough to ask whether a transaction is in it. MySQL's form is
 * {@code uuid:1-5:7-9,uuid2:1-3} (intervals inclusive); MariaDB's is a position, {@code domain-server-seq} per
 * domain, which holds every transaction of that domain up to that sequence number.
 */
public final class GtidSet {
    private final Map<String, List<long[]>> mysql = new HashMap<>();
    private final Map<Long, Long> mariadb = new HashMap<>();

    private GtidSet() {
    }

    /**
     * Parses either form; whitespace and newlines are ignored and an empty string is the empty set.
     *
     * @throws IllegalArgumentException naming the part that is not a GTID set
     */
    public static GtidSet parse(String text) {
        GtidSet set = new GtidSet();
        for (String part : text.replaceAll("\\s", "").split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("[0-9]+-[0-9]+-[0-9]+")) {
                String[] f = part.split("-");
                set.mariadb.merge(Long.parseLong(f[0]), Long.parseUnsignedLong(f[2]), Math::max);
            } else if (part.matches("[0-9A-Fa-f-]{36}(:[0-9]+(-[0-9]+)?)+")) {
                String[] f = part.split(":");
                List<long[]> intervals = set.mysql.computeIfAbsent(f[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                for (int i = 1; i < f.length; i++) {
                    String[] bounds = f[i].split("-");
                    intervals.add(new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[bounds.length - 1])});
                }
            } else {
                throw new IllegalArgumentException("'" + part + "' is neither a MySQL (uuid:interval) nor a MariaDB "
                        + "(domain-server-seq) GTID set element");
            }
        }
        return set;
    }

    /** Whether {@code gtid} ({@code uuid:n} or {@code domain-server-seq}) is in this set. */
    public boolean contains(String gtid) {
        String g = gtid.strip();
        if (g.matches("[0-9]+-[0-9]+-[0-9]+")) {
            String[] f = g.split("-");
            Long upTo = mariadb.get(Long.parseLong(f[0]));
            return upTo != null && Long.compareUnsigned(Long.parseUnsignedLong(f[2]), upTo) <= 0;
        }
        int colon = g.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        List<long[]> intervals = mysql.get(g.substring(0, colon).toLowerCase(Locale.ROOT));
        if (intervals == null) {
            return false;
        }
        long n = Long.parseLong(g.substring(colon + 1));
        for (long[] interval : intervals) {
            if (n >= interval[0] && n <= interval[1]) {
                return true;
            }
        }
        return false;
    }
}

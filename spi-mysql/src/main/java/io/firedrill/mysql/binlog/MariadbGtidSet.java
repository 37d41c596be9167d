package io.firedrill.mysql.binlog;

import io.firedrill.mysql.protocol.WireReader;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A MariaDB GTID position: per replication domain the last GTID, written {@code domain-server-seq} and separated by
 * commas ({@code 0-1-42,1-7-3}). A domain's entry holds every transaction of that domain, from any server, up to its
 * sequence number. Sequence numbers are unsigned 64-bit, domains and server ids unsigned 32-bit. Immutable.
 */
public final class MariadbGtidSet implements GtidSet {
    private static final Pattern GTID = Pattern.compile("([0-9]{1,10})-([0-9]{1,10})-([0-9]{1,20})");
    private final TreeMap<Long, Last> lastByDomain;

    /** The last GTID of one domain. */
    private record Last(long server, long sequence) {
    }

    private MariadbGtidSet(TreeMap<Long, Last> lastByDomain) {
        this.lastByDomain = lastByDomain;
    }

    /** The empty set. */
    public static MariadbGtidSet empty() {
        return new MariadbGtidSet(new TreeMap<>());
    }

    /** Whether {@code element} is one {@code domain-server-seq} GTID. */
    static boolean isElement(String element) {
        return GTID.matcher(element).matches();
    }

    /**
     * Parses the text form; blanks, newlines and empty elements are ignored, an empty string is the empty set. A
     * domain named twice keeps its higher sequence number.
     *
     * @throws IllegalArgumentException naming the element that is not {@code domain-server-seq}
     */
    public static MariadbGtidSet parse(String text) {
        MariadbGtidSet set = empty();
        for (String element : text.replaceAll("\\s", "").split(",")) {
            if (!element.isEmpty()) {
                set = set.with(element);
            }
        }
        return set;
    }

    /**
     * Decodes the body of a GTID_LIST event: {@code u4} count (its top 4 bits are flags), then per domain {@code u4}
     * domain, {@code u4} server id and {@code u8} sequence number, little-endian. A body cut short ends the list.
     */
    public static MariadbGtidSet decodeGtidList(byte[] body) {
        WireReader r = new WireReader(body);
        long count = r.uint(4) & 0x0fff_ffffL;
        MariadbGtidSet set = empty();
        for (long i = 0; i < count && r.remaining() >= 16; i++) {
            long domain = r.uint(4);
            long server = r.uint(4);
            set = set.with(domain, server, r.uint(8));
        }
        return set;
    }

    /**
     * This set with the GTID {@code domain-server-seq}; a domain keeps its higher sequence number.
     *
     * @throws IllegalArgumentException if {@code gtid} is not {@code domain-server-seq}
     */
    public MariadbGtidSet with(String gtid) {
        var m = GTID.matcher(gtid.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + gtid + "' is not a MariaDB GTID (domain-server-seq, such as "
                    + "0-1-42)");
        }
        return with(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseUnsignedLong(m.group(3)));
    }

    /** This set with the GTIDs of {@code other}: per domain the higher sequence number. */
    public MariadbGtidSet union(MariadbGtidSet other) {
        MariadbGtidSet out = this;
        for (Map.Entry<Long, Last> e : other.lastByDomain.entrySet()) {
            out = out.with(e.getKey(), e.getValue().server(), e.getValue().sequence());
        }
        return out;
    }

    private MariadbGtidSet with(long domain, long server, long sequence) {
        Last current = lastByDomain.get(domain);
        if (current != null && Long.compareUnsigned(sequence, current.sequence()) <= 0) {
            return this;
        }
        TreeMap<Long, Last> copy = new TreeMap<>(lastByDomain);
        copy.put(domain, new Last(server, sequence));
        return new MariadbGtidSet(copy);
    }

    /** The replication domains the set names, ascending. */
    public Set<Long> domains() {
        return Collections.unmodifiableSet(lastByDomain.keySet());
    }

    /** The last sequence number of {@code domain} (unsigned), empty when the set does not name the domain. */
    public OptionalLong sequence(long domain) {
        Last last = lastByDomain.get(domain);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last.sequence());
    }

    /** Whether {@code gtid}, written {@code domain-server-seq}, is in this set; anything else is not. */
    @Override
    public boolean contains(String gtid) {
        var m = GTID.matcher(gtid.strip());
        if (!m.matches()) {
            return false;
        }
        OptionalLong upTo = sequence(Long.parseLong(m.group(1)));
        return upTo.isPresent() && Long.compareUnsigned(Long.parseUnsignedLong(m.group(3)), upTo.getAsLong()) <= 0;
    }

    @Override
    public boolean isEmpty() {
        return lastByDomain.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariadbGtidSet other && lastByDomain.equals(other.lastByDomain);
    }

    @Override
    public int hashCode() {
        return lastByDomain.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        lastByDomain.forEach((domain, last) -> sb.append(sb.length() == 0 ? "" : ",").append(domain).append('-')
                .append(last.server()).append('-').append(Long.toUnsignedString(last.sequence())));
        return sb.toString();
    }
}

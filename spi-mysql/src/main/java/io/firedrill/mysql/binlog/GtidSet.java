package io.firedrill.mysql.binlog;

/**
 * A set of GTIDs as a server prints it, in one of the two flavours: {@link MysqlGtidSet} ({@code uuid:1-5:7}, per
 * source UUID the transaction numbers it holds) or {@link MariadbGtidSet} ({@code domain-server-seq}, per
 * replication domain the last sequence number, which holds every earlier one of that domain). Immutable.
 */
public sealed interface GtidSet permits MysqlGtidSet, MariadbGtidSet {
    /**
     * Parses either flavour, telling them apart by their elements; whitespace and newlines are ignored and an empty
     * string is the empty (MySQL) set.
     *
     * @throws IllegalArgumentException naming the element that is not a GTID set element, or when MySQL and
     *     MariaDB elements are mixed
     */
    static GtidSet parse(String text) {
        String compact = text.replaceAll("\\s", "");
        boolean mariadb = false;
        boolean mysql = false;
        for (String element : compact.split(",")) {
            if (MariadbGtidSet.isElement(element)) {
                mariadb = true;
            } else if (!element.isEmpty()) {
                mysql = true;
            }
        }
        if (mariadb && mysql) {
            throw new IllegalArgumentException("'" + compact + "' mixes MySQL (uuid:interval) and MariaDB "
                    + "(domain-server-seq) GTID set elements");
        }
        return mariadb ? MariadbGtidSet.parse(compact) : MysqlGtidSet.parse(compact);
    }

    /**
     * Whether {@code gtid} ({@code uuid:n} or {@code domain-server-seq}) is in this set; a GTID of the other flavour,
     * or a string that is no GTID at all, is not.
     */
    boolean contains(String gtid);

    /** Whether the set holds no GTID. */
    boolean isEmpty();

    /** The text form the servers use, sources or domains in ascending order. */
    @Override
    String toString();
}

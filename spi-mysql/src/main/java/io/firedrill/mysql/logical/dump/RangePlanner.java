package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large table into key ranges of about {@code rangeBytes}, inside the snapshot. A table without an
 * ordering key, or smaller than one range, is one range.
 *
 * <p>When the key's first column is an integer, the boundaries are multiples of a power of two (the smallest
 * that makes at most about the wanted number of ranges between the column's minimum and maximum): they stay the
 * same from one night to the next while the table grows by less than double, so each range's stream deduplicates
 * against the previous backup's. Other keys (strings, dates, decimals, composite keys) are sampled: a walk along the
 * key ({@code WHERE key > previous ORDER BY key LIMIT 1 OFFSET step}) picks a boundary every {@code step} rows,
 * reading the key once in total; {@code step} is a power of two, so the drifting row estimate it comes from rarely
 * moves the boundaries.
 */
public final class RangePlanner {
    /** The most ranges one table is cut into. */
    static final int MAX_RANGES = 1024;

    private RangePlanner() {
    }

    /** The ranges of {@code table}, in key order. */
    public static List<KeyRange> plan(Connection connection, TablePlan table, long rangeBytes) throws SQLException {
        long wanted = Math.min(MAX_RANGES, (table.dataLength() + rangeBytes - 1) / rangeBytes);
        if (table.key().isEmpty() || wanted <= 1) {
            return List.of(KeyRange.ALL);
        }
        if (table.key().get(0).integer()) {
            return integerRanges(connection, table, wanted);
        }
        return sampledRanges(connection, table, wanted);
    }

    private static List<KeyRange> integerRanges(Connection connection, TablePlan table, long wanted)
            throws SQLException {
        String column = Sql.quote(table.key().get(0).name());
        BigInteger min;
        BigInteger max;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(" + column + "), MAX(" + column + ") FROM " + table.quoted())) {
            rs.next();
            if (rs.getString(1) == null) {
                return List.of(KeyRange.ALL);
            }
            min = new BigInteger(rs.getString(1));
            max = new BigInteger(rs.getString(2));
        }
        List<BigInteger> boundaries = integerBoundaries(min, max, wanted);
        List<List<String>> bounds = boundaries.stream().map(b -> List.of(b.toString())).toList();
        return ranges(List.of(column), bounds);
    }

    /**
     * Multiples of the smallest power-of-two step that cuts {@code [min, max]} into at most about {@code wanted}
     * ranges, strictly above {@code min} and at most {@code max}.
     */
    static List<BigInteger> integerBoundaries(BigInteger min, BigInteger max, long wanted) {
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger per = span.add(BigInteger.valueOf(wanted - 1)).divide(BigInteger.valueOf(wanted));
        BigInteger step = BigInteger.ONE;
        while (step.compareTo(per) < 0) {
            step = step.shiftLeft(1);
        }
        BigInteger[] division = min.divideAndRemainder(step);
        BigInteger first = division[1].signum() < 0 ? division[0] : division[0].add(BigInteger.ONE);
        List<BigInteger> boundaries = new ArrayList<>();
        for (BigInteger b = first.multiply(step); b.compareTo(max) <= 0 && boundaries.size() < 2 * MAX_RANGES;
             b = b.add(step)) {
            if (b.compareTo(min) > 0) {
                boundaries.add(b);
            }
        }
        return boundaries;
    }

    private static List<KeyRange> sampledRanges(Connection connection, TablePlan table, long wanted)
            throws SQLException {
        List<String> columns = table.key().stream().map(c -> Sql.quote(c.name())).toList();
        String order = String.join(", ", columns);
        // A power of two, so that the server's row estimate, which drifts from one night to the next, rarely
        // moves the boundaries.
        long step = Long.highestOneBit(Math.max(1, table.rowEstimate() / wanted));
        List<List<String>> bounds = new ArrayList<>();
        List<String> previous = null;
        try (Statement s = connection.createStatement()) {
            while (bounds.size() < MAX_RANGES - 1) {
                String where = previous == null ? "" : " WHERE " + KeyRange.compare(columns, previous, ">", false);
                String sql = "SELECT " + order + " FROM " + table.quoted() + where + " ORDER BY " + order
                        + " LIMIT 1 OFFSET " + (step - 1);
                try (ResultSet rs = s.executeQuery(sql)) {
                    if (!rs.next()) {
                        break;
                    }
                    List<String> bound = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        bound.add(table.key().get(i).binary() ? Sql.hex(rs.getBytes(i + 1))
                                : Sql.literal(rs.getString(i + 1)));
                    }
                    previous = bound;
                    bounds.add(bound);
                }
            }
        }
        return ranges(columns, bounds);
    }

    private static List<KeyRange> ranges(List<String> columns, List<List<String>> boundaries) {
        List<KeyRange> ranges = new ArrayList<>();
        List<String> lower = null;
        for (List<String> boundary : boundaries) {
            ranges.add(KeyRange.between(columns, lower, boundary));
            lower = boundary;
        }
        ranges.add(KeyRange.between(columns, lower, null));
        return ranges;
    }
}

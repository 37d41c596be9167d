package io.firedrill.mysql.logical.dump;

import java.util.List;

/**
 * A range of a table's ordering key, {@code [lower, upper)}, as a SQL condition with the bounds inlined as literals.
 * Bounds are tuples of the key's leading columns; a missing bound is open.
 *
 * @param condition the {@code WHERE} condition, or an empty string for the whole table
 */
public record KeyRange(String condition) {
    /** The whole table. */
    public static final KeyRange ALL = new KeyRange("");

    /**
     * The range between two bounds.
     *
     * @param columns the key's leading columns, quoted
     * @param lower the inclusive lower bound as literals, or {@code null} for none
     * @param upper the exclusive upper bound as literals, or {@code null} for none
     */
    public static KeyRange between(List<String> columns, List<String> lower, List<String> upper) {
        String low = lower == null ? "" : compare(columns, lower, ">", true);
        String high = upper == null ? "" : compare(columns, upper, "<", false);
        if (low.isEmpty() || high.isEmpty()) {
            return new KeyRange(low + high);
        }
        return new KeyRange("(" + low + ") AND (" + high + ")");
    }

    /**
     * {@code (c1, …, cn) op (v1, …, vn)} expanded lexicographically, which every version's range optimizer handles:
     * {@code c1 op v1 OR (c1 = v1 AND c2 op v2) …}, the last comparison inclusive when asked.
     */
    static String compare(List<String> columns, List<String> values, String op, boolean inclusiveLast) {
        int n = values.size();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(" OR ");
            }
            out.append('(');
            for (int j = 0; j < i; j++) {
                out.append(columns.get(j)).append(" = ").append(values.get(j)).append(" AND ");
            }
            String last = i == n - 1 && inclusiveLast ? op + "=" : op;
            out.append(columns.get(i)).append(' ').append(last).append(' ').append(values.get(i)).append(')');
        }
        return out.toString();
    }
}

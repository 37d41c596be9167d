package io.firedrill.mysql.protocol;

import java.util.List;

/**
 * A text resultset: column names and rows of strings ({@code null} for SQL NULL).
 *
 * @param columns the column names, in order
 * @param rows the rows
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {
    /** Copies. */
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The value of {@code column} in row {@code row}, or {@code null}. */
    public String value(int row, String column) {
        int index = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public String single() {
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }
}

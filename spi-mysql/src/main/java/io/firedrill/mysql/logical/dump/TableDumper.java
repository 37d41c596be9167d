package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.format.TsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one key range of a table as a data stream: the rows in key order, streamed from the server a batch at a
 * time (never the whole result in memory), each field escaped by {@link TsvWriter}. Every value is selected
 * {@code CAST(… AS BINARY)}: the server's own text form of numbers and temporal values, and the exact bytes of
 * strings in the column's character set, never converted. BIT columns are written as unsigned decimals, MySQL JSON
 * as utf8mb4 text.
 */
public final class TableDumper {
    private static final int FETCH_ROWS = 4096;

    private TableDumper() {
    }

    /** The {@code SELECT} of one range. */
    public static String select(TablePlan table, KeyRange range) {
        List<String> list = new ArrayList<>();
        for (TablePlan.KeyColumn column : table.columns()) {
            String quoted = Sql.quote(column.name());
            String value = switch (column.kind()) {
                case "bit" -> "CAST(" + quoted + " AS UNSIGNED)";
                case "json" -> "CAST(" + quoted + " AS CHAR CHARACTER SET utf8mb4)";
                default -> quoted;
            };
            list.add("CAST(" + value + " AS BINARY)");
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", list)).append(" FROM ")
                .append(table.quoted());
        if (!range.condition().isEmpty()) {
            sql.append(" WHERE ").append(range.condition());
        }
        if (!table.key().isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", table.key().stream().map(c -> Sql.quote(c.name()))
                    .toList()));
        }
        return sql.toString();
    }

    /**
     * Dumps the range into {@code out} (closed when done).
     *
     * @return how many rows were written
     */
    public static long dump(Connection connection, TablePlan table, KeyRange range, OutputStream out)
            throws SQLException, IOException {
        long rows = 0;
        try (TsvWriter writer = new TsvWriter(out); Statement s = connection.createStatement()) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = s.executeQuery(select(table, range))) {
                int n = table.columns().size();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        writer.field(rs.getBytes(i));
                    }
                    writer.endRow();
                    rows++;
                }
            }
        }
        return rows;
    }
}

package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.format.BackupMetadata;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one data stream with {@code LOAD DATA LOCAL INFILE}, the driver reading the stream straight from the
 * repository ({@code CHARACTER SET binary}: the bytes are the columns' own; the escaping is LOAD DATA's default).
 * BIT columns go through a variable and {@code CAST(… AS UNSIGNED)}, MySQL JSON columns through
 * {@code CONVERT(… USING utf8mb4)}. The server's count of loaded rows must equal the count the backup recorded.
 */
public final class DataLoader {
    private DataLoader() {
    }

    /** The {@code LOAD DATA LOCAL INFILE} of {@code file} (a SQL literal) into a table of those columns. */
    public static String statement(String file, String quotedTable, List<BackupMetadata.Column> columns) {
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            BackupMetadata.Column column = columns.get(i);
            String quoted = Sql.quote(column.name());
            switch (column.kind()) {
                case "bit" -> {
                    targets.add("@c" + i);
                    sets.add(quoted + " = CAST(@c" + i + " AS UNSIGNED)");
                }
                case "json" -> {
                    targets.add("@c" + i);
                    sets.add(quoted + " = CONVERT(@c" + i + " USING utf8mb4)");
                }
                default -> targets.add(quoted);
            }
        }
        return "LOAD DATA LOCAL INFILE " + file + " INTO TABLE " + quotedTable + " CHARACTER SET binary "
                + "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + String.join(", ", targets)
                + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** Loads {@code data} into the table; fails unless exactly {@code expectedRows} rows went in. */
    static void load(Connection connection, String quotedTable, List<BackupMetadata.Column> columns,
                     InputStream data, long expectedRows, String stream) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(data);
            long loaded = s.executeLargeUpdate(statement("'firedrill.tsv'", quotedTable, columns));
            if (loaded != expectedRows) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "loading " + stream + " into " + quotedTable
                        + " inserted " + loaded + " rows, the backup recorded " + expectedRows,
                        "the server rejected or merged rows; check its warnings and the table definition");
            }
        }
    }
}

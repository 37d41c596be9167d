package io.firedrill.mysql.logical.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code CREATE TABLE} statement, as {@code SHOW CREATE TABLE} prints it (one definition per line,
 * indented by two spaces, the closing parenthesis at the start of a line), into the statement without its plain
 * and unique secondary indexes and the {@code ALTER TABLE} that adds them once the rows are in: building an index
 * from sorted rows is faster than maintaining it row by row.
 *
 * <p>Kept in place: the primary key, full-text and spatial indexes (adding those later rebuilds the table), every
 * index of a table with foreign keys (they may need them), and an index led by the {@code AUTO_INCREMENT} column
 * (the server requires one).
 *
 * @param create the statement to run first
 * @param addIndexes the {@code ALTER TABLE} to run after the data, or an empty string when nothing was deferred
 */
public record DeferredIndexes(String create, String addIndexes) {

    /** Splits {@code createTable} for table {@code quotedName} (already back-quoted). */
    public static DeferredIndexes split(String createTable, String quotedName) {
        String[] lines = createTable.split("\n", -1);
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(")")) {
                close = i;
                break;
            }
        }
        if (close < 0 || !lines[0].trim().endsWith("(") || createTable.contains("FOREIGN KEY")) {
            return new DeferredIndexes(createTable, "");
        }
        String autoColumn = null;
        for (int i = 1; i < close; i++) {
            if (lines[i].startsWith("  `") && lines[i].contains(" AUTO_INCREMENT")) {
                autoColumn = lines[i].substring(2, lines[i].indexOf('`', 3) + 1);
            }
        }
        List<String> kept = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        for (int i = 1; i < close; i++) {
            String definition = lines[i].endsWith(",") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = definition.trim();
            boolean secondary = trimmed.startsWith("KEY `") || trimmed.startsWith("UNIQUE KEY `");
            boolean ledByAuto = autoColumn != null && trimmed.contains("(" + autoColumn);
            if (secondary && !ledByAuto && definition.startsWith("  ")) {
                deferred.add("ADD " + trimmed);
            } else {
                kept.add(definition);
            }
        }
        if (deferred.isEmpty()) {
            return new DeferredIndexes(createTable, "");
        }
        StringBuilder create = new StringBuilder(lines[0]).append('\n');
        create.append(String.join(",\n", kept)).append('\n');
        for (int i = close; i < lines.length; i++) {
            create.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
        }
        return new DeferredIndexes(create.toString(), "ALTER TABLE " + quotedName + " " + String.join(", ", deferred));
    }
}

package io.firedrill.mysql.logical.format;

import java.util.Map;
import java.util.Set;

/**
 * Rewrites schema qualifiers in SQL text (view definitions, routine bodies, foreign key references) when schemas are
 * loaded under other names. It tokenizes enough SQL to leave strings and comments alone, and renames a schema name,
 * back-quoted or bare, only where it qualifies something: in {@code a.b.c} the first part always, in {@code a.b}
 * only when {@code b} is an object of that schema (otherwise {@code a} is a table or an alias).
 */
public final class SchemaRenamer {
    private final Map<String, String> renames;
    private final Map<String, Set<String>> objects;

    /**
     * @param renames old schema name to new schema name
     * @param objects for each renamed schema, the names of its tables, views and routines
     */
    public SchemaRenamer(Map<String, String> renames, Map<String, Set<String>> objects) {
        this.renames = Map.copyOf(renames);
        this.objects = Map.copyOf(objects);
    }

    /** Whether nothing is renamed. */
    public boolean isEmpty() {
        return renames.isEmpty();
    }

    /** The new name of {@code schema} (itself when not renamed). */
    public String target(String schema) {
        return renames.getOrDefault(schema, schema);
    }

    /** {@code sql} with renamed qualifiers. */
    public String rewrite(String sql) {
        if (renames.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipString(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '#' || c == '-' && i + 2 < n && sql.charAt(i + 1) == '-' && Character.isWhitespace(sql.charAt(i + 2))) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*' && !(i + 2 < n && sql.charAt(i + 2) == '!')) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '`' || isWordStart(c)) {
                int end = identifierEnd(sql, i);
                if (end > i && (i == 0 || sql.charAt(i - 1) != '.')) {
                    String name = unquote(sql.substring(i, end));
                    String replacement = renames.get(name);
                    if (replacement != null && qualifies(sql, end, name)) {
                        out.append('`').append(replacement.replace("`", "``")).append('`');
                        i = end;
                        continue;
                    }
                }
                out.append(sql, i, Math.max(end, i + 1));
                i = Math.max(end, i + 1);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether the identifier ending at {@code end} is the first part of a chain that makes it a schema. */
    private boolean qualifies(String sql, int end, String schema) {
        if (end >= sql.length() || sql.charAt(end) != '.') {
            return false;
        }
        int secondEnd = identifierEnd(sql, end + 1);
        if (secondEnd <= end + 1) {
            return false;
        }
        if (secondEnd < sql.length() && sql.charAt(secondEnd) == '.' && identifierEnd(sql, secondEnd + 1) > secondEnd + 1) {
            return true;
        }
        return objects.getOrDefault(schema, Set.of()).contains(unquote(sql.substring(end + 1, secondEnd)));
    }

    private static int identifierEnd(String sql, int start) {
        if (start >= sql.length()) {
            return start;
        }
        if (sql.charAt(start) == '`') {
            int i = start + 1;
            while (i < sql.length()) {
                if (sql.charAt(i) == '`') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return sql.length();
        }
        int i = start;
        while (i < sql.length() && isWordPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unquote(String identifier) {
        if (identifier.startsWith("`") && identifier.endsWith("`") && identifier.length() >= 2) {
            return identifier.substring(1, identifier.length() - 1).replace("``", "`");
        }
        return identifier;
    }

    private static int skipString(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

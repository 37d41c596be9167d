package io.firedrill.mysql.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognizes the statements that destroy a table's data: {@code DROP [TEMPORARY] TABLE [IF EXISTS] t1, t2 …},
 * {@code TRUNCATE [TABLE] t} and {@code DROP {DATABASE|SCHEMA} [IF EXISTS] s}. Names may be schema-qualified or
 * resolve against the statement's default database, may be quoted with backquotes ({@code ``} inside stands for one
 * backquote), and are compared without regard to case, as on servers with {@code lower_case_table_names} set. SQL
 * comments are ignored, except versioned ones ({@code /*!40101 … *}{@code /}), whose text counts.
 */
public final class DropStatements {
    private DropStatements() {
    }

    /**
     * Whether {@code statement}, run with default database {@code defaultDatabase} (may be empty), drops or truncates
     * {@code schema.table} or drops its schema.
     */
    public static boolean destroys(String statement, String defaultDatabase, String schema, String table) {
        List<String> tokens = tokens(statement);
        int i = 0;
        if (is(tokens, i, "DROP")) {
            i++;
            if (is(tokens, i, "DATABASE") || is(tokens, i, "SCHEMA")) {
                i = skipIfExists(tokens, i + 1);
                return i < tokens.size() && same(tokens.get(i), schema);
            }
            if (is(tokens, i, "TEMPORARY")) {
                return false; // a temporary table only shadows the real one; dropping it leaves the real one intact
            }
            if (!is(tokens, i, "TABLE") && !is(tokens, i, "TABLES")) {
                return false;
            }
            i = skipIfExists(tokens, i + 1);
            while (i < tokens.size()) {
                int next = name(tokens, i, defaultDatabase, schema, table);
                if (next < 0) {
                    return true;
                }
                if (next == i || !is(tokens, next, ",")) {
                    return false;
                }
                i = next + 1;
            }
            return false;
        }
        if (is(tokens, i, "TRUNCATE")) {
            i++;
            if (is(tokens, i, "TABLE")) {
                i++;
            }
            return name(tokens, i, defaultDatabase, schema, table) < 0;
        }
        return false;
    }

    /**
     * Reads a possibly qualified name at {@code i}: returns -1 when it is {@code schema.table}, else the index just
     * after it ({@code i} itself when there is no name there).
     */
    private static int name(List<String> tokens, int i, String defaultDatabase, String schema, String table) {
        if (i >= tokens.size() || !identifier(tokens.get(i))) {
            return i;
        }
        String first = tokens.get(i);
        if (is(tokens, i + 1, ".") && i + 2 < tokens.size() && identifier(tokens.get(i + 2))) {
            return same(first, schema) && same(tokens.get(i + 2), table) ? -1 : i + 3;
        }
        return same(defaultDatabase, schema) && same(first, table) ? -1 : i + 1;
    }

    private static int skipIfExists(List<String> tokens, int i) {
        return is(tokens, i, "IF") && is(tokens, i + 1, "EXISTS") ? i + 2 : i;
    }

    private static boolean is(List<String> tokens, int i, String keyword) {
        return i < tokens.size() && tokens.get(i).equalsIgnoreCase(keyword);
    }

    private static boolean identifier(String token) {
        return !token.isEmpty() && (token.charAt(0) == '\u0001' || Character.isLetterOrDigit(token.charAt(0))
                || token.charAt(0) == '_' || token.charAt(0) == '$' || token.charAt(0) > 127);
    }

    private static boolean same(String token, String name) {
        String bare = token.startsWith("\u0001") ? token.substring(1) : token;
        return bare.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Splits into words, quoted identifiers (marked with a leading U+0001 so that a quoted keyword stays a name) and
     * single punctuation characters; string literals become one {@code '} token; comments disappear.
     */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end;
                if (i + 2 < n && sql.charAt(i + 2) == '!') {
                    int body = i + 3;
                    while (body < end && Character.isDigit(sql.charAt(body))) {
                        body++;
                    }
                    out.addAll(tokens(sql.substring(body, end)));
                }
                i = Math.min(n, end + 2);
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i)) || (c == '-' && sql.startsWith("--", i)
                    && i + 2 == n)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '`') {
                StringBuilder name = new StringBuilder("\u0001");
                i++;
                while (i < n) {
                    char q = sql.charAt(i);
                    if (q == '`' && i + 1 < n && sql.charAt(i + 1) == '`') {
                        name.append('`');
                        i += 2;
                    } else if (q == '`') {
                        i++;
                        break;
                    } else {
                        name.append(q);
                        i++;
                    }
                }
                out.add(name.toString());
            } else if (c == '\'' || c == '"') {
                i++;
                while (i < n && sql.charAt(i) != c) {
                    i += sql.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.add("'");
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) > 127)) {
                    i++;
                }
                out.add(sql.substring(start, i));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}

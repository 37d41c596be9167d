package io.firedrill.mysql.binlog;

import java.nio.charset.StandardCharsets;

/**
 * Reads the SQL text of a QUERY event. Its body is a 13-byte post-header ({@code u4 thread_id}, {@code u4
 * exec_time}, {@code u1 db_len}, {@code u2 error_code}, {@code u2 status_vars_len}), the status variables, the
 * default database and a NUL, then the statement up to the end of the body.
 */
public final class QueryEvents {
    private static final int POST_HEADER = 13;

    private QueryEvents() {
    }

    /** The statement of a QUERY event body, or an empty string when the body is too short to hold one. */
    public static String statement(byte[] body) {
        if (body.length < POST_HEADER) {
            return "";
        }
        int dbLength = Byte.toUnsignedInt(body[8]);
        int statusLength = Byte.toUnsignedInt(body[11]) | Byte.toUnsignedInt(body[12]) << 8;
        int start = POST_HEADER + statusLength + dbLength + 1;
        if (start > body.length) {
            return "";
        }
        return new String(body, start, body.length - start, StandardCharsets.UTF_8);
    }

    /** The default database of a QUERY event body (the {@code USE}d schema), or an empty string when there is none. */
    public static String database(byte[] body) {
        if (body.length < POST_HEADER) {
            return "";
        }
        int dbLength = Byte.toUnsignedInt(body[8]);
        int statusLength = Byte.toUnsignedInt(body[11]) | Byte.toUnsignedInt(body[12]) << 8;
        int start = POST_HEADER + statusLength;
        if (start + dbLength > body.length) {
            return "";
        }
        return new String(body, start, dbLength, StandardCharsets.UTF_8);
    }

    /** Whether the statement opens a transaction ({@code BEGIN}, as MySQL writes before row events). */
    public static boolean begins(String statement) {
        String s = statement.strip();
        return s.equalsIgnoreCase("BEGIN") || s.regionMatches(true, 0, "XA START", 0, 8);
    }
}

package io.firedrill.mysql.logical.format;

import java.nio.charset.StandardCharsets;

/**
 * The names of a logical backup's streams. Schema and object names become path segments: bytes of their UTF-8 form
 * outside {@code [A-Za-z0-9_-]} are written {@code %XX} (upper-case hex), so every name maps to exactly one segment
 * and no segment is empty, {@code .} or {@code ..}. The real names live in {@link BackupMetadata}; nothing decodes
 * segments.
 */
public final class StreamNames {
    /** The metadata stream, written last: coordinates, objects, streams and row counts. */
    public static final String METADATA = "backup.json";
    /** Accounts and grants, when the backup includes them. */
    public static final String ACCOUNTS = "users/accounts.sql";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StreamNames() {
    }

    /** {@code schema/<db>/database.sql}: the {@code CREATE DATABASE} statement. */
    public static String database(String schema) {
        return "schema/" + segment(schema) + "/database.sql";
    }

    /** {@code schema/<db>/<type>/<name>.sql}: one object's DDL; type is table, view, procedure, function, trigger or event. */
    public static String object(String schema, String type, String name) {
        return "schema/" + segment(schema) + "/" + type + "/" + segment(name) + ".sql";
    }

    /** {@code data/<db>/<table>/<part>.tsv}: one key range of a table's rows, part numbered from 0 in key order. */
    public static String data(String schema, String table, int part) {
        return "data/" + segment(schema) + "/" + segment(table) + "/" + String.format("%05d", part) + ".tsv";
    }

    /** One name as a path segment. */
    public static String segment(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}

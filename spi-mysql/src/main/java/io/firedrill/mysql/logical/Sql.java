package io.firedrill.mysql.logical;

/** Quoting of identifiers and literals for statements built from names and sampled values. */
public final class Sql {
    private Sql() {
    }

    /** A back-quoted identifier. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A string literal, for sessions without {@code NO_BACKSLASH_ESCAPES} (Firedrill's use {@code sql_mode=''}). */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case 0 -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A hexadecimal literal of a byte string. */
    public static String hex(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 2 + 3).append("X'");
        for (byte b : value) {
            out.append(Character.forDigit(b >> 4 & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return out.append('\'').toString();
    }
}

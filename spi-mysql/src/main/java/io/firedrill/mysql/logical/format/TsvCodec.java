package io.firedrill.mysql.logical.format;

import java.io.ByteArrayOutputStream;

/**
 * Reading the escaping of data streams ({@link TsvWriter} writes it), which is the default of {@code LOAD DATA}:
 * fields end with a tab, rows with a newline; a backslash escapes {@code \\}, tab ({@code \t}), newline
 * ({@code \n}), carriage return ({@code \r}) and NUL ({@code \0}); {@code \N} alone is SQL NULL. Every other byte is
 * written as it is, so any byte string round trips.
 */
public final class TsvCodec {
    private TsvCodec() {
    }

    /**
     * Decodes one escaped field (without its terminator); returns {@code null} for {@code \N}.
     *
     * @throws IllegalArgumentException on an escape this format never writes
     */
    public static byte[] decodeField(byte[] field, int offset, int length) {
        if (length == 2 && field[offset] == '\\' && field[offset + 1] == 'N') {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int i = offset; i < offset + length; i++) {
            byte b = field[i];
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (++i == offset + length) {
                throw new IllegalArgumentException("a field ends with a lone backslash");
            }
            switch (field[i]) {
                case '\\' -> out.write('\\');
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                default -> throw new IllegalArgumentException("unknown escape \\" + (char) field[i]);
            }
        }
        return out.toByteArray();
    }
}

package io.firedrill.mysql.binlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binlog file names: a base name, a dot and a zero-padded sequence number of 1 to 10 digits, such as
 * {@code binlog.000042}. The server numbers its files consecutively and keeps the width when it can.
 */
public final class BinlogNames {
    private static final Pattern BINLOG = Pattern.compile("(.+)\\.([0-9]{1,10})");

    private BinlogNames() {
    }

    /** Whether {@code name} is a binlog file name (not, for instance, a {@code .partial} file or an index). */
    public static boolean isBinlog(String name) {
        return name != null && BINLOG.matcher(name).matches();
    }

    /**
     * Throws unless {@code name} is a binlog file name.
     *
     * @return {@code name}
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static String requireBinlog(String name) {
        matcher(name);
        return name;
    }

    /** The base name ({@code binlog} of {@code binlog.000042}). */
    public static String base(String name) {
        return matcher(name).group(1);
    }

    /** The sequence number (42 of {@code binlog.000042}). */
    public static long sequence(String name) {
        return Long.parseLong(matcher(name).group(2));
    }

    /** The name of the file the server writes after {@code name}: the number plus one, same width. */
    public static String next(String name) {
        return sibling(name, 1);
    }

    /** The name of the file before {@code name}: the number minus one, same width. */
    public static String previous(String name) {
        return sibling(name, -1);
    }

    /** The name of the file {@code offset} places further in the sequence, with the same zero padding. */
    public static String sibling(String name, long offset) {
        Matcher m = matcher(name);
        String digits = m.group(2);
        String number = Long.toString(Long.parseLong(digits) + offset);
        return m.group(1) + "." + "0".repeat(Math.max(0, digits.length() - number.length())) + number;
    }

    /** A position across files that orders like the server's: sequence in the high bits, offset in the low 32. */
    public static long ordinal(String name, long position) {
        return (sequence(name) << 32) | (position & 0xffff_ffffL);
    }

    private static Matcher matcher(String name) {
        Matcher m = name == null ? null : BINLOG.matcher(name);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a binlog file name (<basename>.<number>, such "
                    + "as binlog.000042)");
        }
        return m;
    }
}

package io.firedrill.mysql.stream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binlog file names ({@code <basename>.<number>}, such as {@code binlog.000042}) and the archive's derived names. */
final class BinlogNames {
    static final String PARTIAL = ".partial";
    static final String INDEX = ".index";
    private static final Pattern BINLOG = Pattern.compile("(.+)\\.(\\d+)");

    private BinlogNames() {
    }

    /** Whether {@code name} is a binlog file name (not a partial file or an index). */
    static boolean isBinlog(String name) {
        return BINLOG.matcher(name).matches();
    }

    /** The file's sequence number. */
    static long sequence(String name) {
        return Long.parseLong(matcher(name).group(2));
    }

    /** The name of the file the server writes after {@code name}: the number plus one, same width. */
    static String next(String name) {
        Matcher m = matcher(name);
        String digits = m.group(2);
        String next = Long.toString(Long.parseLong(digits) + 1);
        StringBuilder padded = new StringBuilder(m.group(1)).append('.');
        for (int i = next.length(); i < digits.length(); i++) {
            padded.append('0');
        }
        return padded.append(next).toString();
    }

    /** The name of the file before {@code name}: the number minus one, same width. */
    static String previous(String name) {
        Matcher m = matcher(name);
        String digits = m.group(2);
        String number = Long.toString(Long.parseLong(digits) - 1);
        return m.group(1) + "." + "0".repeat(Math.max(0, digits.length() - number.length())) + number;
    }

    /** A position across files that orders like the server's: sequence in the high bits, offset in the low 32. */
    static long ordinal(String name, long position) {
        return (sequence(name) << 32) | (position & 0xffff_ffffL);
    }

    private static Matcher matcher(String name) {
        Matcher m = BINLOG.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a binlog file name (<basename>.<number>)");
        }
        return m;
    }
}

package io.firedrill.postgres.wal;

import io.firedrill.api.InvalidConfigurationException;

/**
 * A PostgreSQL log sequence number: a 64-bit byte position in the WAL, written {@code X/Y} in hexadecimal.
 *
 * @param value the position
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** Parses {@code X/Y}. */
    public static Lsn parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new InvalidConfigurationException("LSN '" + text + "' is malformed", "an LSN looks like 0/3000060");
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
                throw new NumberFormatException("out of range");
            }
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("LSN '" + text + "' is malformed", "an LSN looks like 0/3000060");
        }
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** The {@code X/Y} form PostgreSQL prints. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}

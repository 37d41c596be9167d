package io.firedrill.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a backup, such as {@code 20261121T055300Z-3f9a1c2e}: its start time in UTC, then random
 * hex digits. Ids sort by start time.
 *
 * @param value the textual id
 */
public record BackupId(String value) implements Comparable<BackupId> {
    private static final Pattern FORM = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}");

    /** Validates the form. */
    public BackupId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidConfigurationException("backup id '" + value + "' is malformed",
                    "backup ids look like 20261121T055300Z-3f9a1c2e; list() shows the ids in a repository");
        }
    }

    /** Whether a string has the form of a backup id (for scanning listings without exceptions). */
    public static boolean isValid(String candidate) {
        return candidate != null && FORM.matcher(candidate).matches();
    }

    /** Parses a textual id. */
    public static BackupId of(String value) {
        return new BackupId(value);
    }

    @Override
    public int compareTo(BackupId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

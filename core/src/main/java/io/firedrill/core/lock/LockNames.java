package io.firedrill.core.lock;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of lock files: {@code locks/<epochMillis>-<16 hex digits>}. The random part makes every name
 * unique, so writing a new lock file never replaces another process's lock even without create-if-absent.
 */
final class LockNames {
    /** The prefix every lock file's name starts with. */
    static final String PREFIX = "locks/";
    private static final Pattern FORM = Pattern.compile("locks/([0-9]{1,19})-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LockNames() {
    }

    /** A fresh name for a lock created at {@code created}. */
    static String newName(Instant created) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return PREFIX + created.toEpochMilli() + "-" + HexFormat.of().formatHex(random);
    }

    /** When the lock of this name was created, or empty when the name is not a lock file's name. */
    static Optional<Instant> createdAt(String name) {
        Matcher matcher = FORM.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(matcher.group(1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

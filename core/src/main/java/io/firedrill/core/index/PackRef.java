package io.firedrill.core.index;

import java.util.Arrays;
import java.util.Objects;

/**
 * A pack object and the sealed data key its blobs are encrypted with (empty for unencrypted repositories).
 *
 * @param id the pack's random id (hex)
 * @param envelope the session data key sealed to the repository's data public key
 */
public record PackRef(String id, byte[] envelope) {
    /** Validates. */
    public PackRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** The storage object name: {@code data/<first two hex digits>/<id>}. */
    public String objectName() {
        return objectName(id);
    }

    /** The storage object name of a pack id. */
    public static String objectName(String id) {
        return "data/" + id.substring(0, 2) + "/" + id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackRef p && id.equals(p.id) && Arrays.equals(envelope, p.envelope);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "pack " + id;
    }
}

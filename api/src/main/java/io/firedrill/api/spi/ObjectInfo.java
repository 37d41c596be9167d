package io.firedrill.api.spi;

import java.util.Objects;

/**
 * What a storage knows about one object.
 *
 * @param name the object's name
 * @param size its size in bytes
 */
public record ObjectInfo(String name, long size) {
    /** Validates the fields. */
    public ObjectInfo {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}

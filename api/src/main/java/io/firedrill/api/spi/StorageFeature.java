package io.firedrill.api.spi;

/** Optional capabilities a {@link Storage} announces through {@link Storage#features()}. */
public enum StorageFeature {
    /** {@link Storage#putIfAbsent} is atomic: of concurrent creators exactly one wins. */
    CREATE_IF_ABSENT,
    /** {@link Storage#get(String, long, long)} reads only the requested bytes. */
    RANGED_READ,
    /** A listing shows every object whose {@code put} has returned (read-after-write for lists). */
    CONSISTENT_LIST
}

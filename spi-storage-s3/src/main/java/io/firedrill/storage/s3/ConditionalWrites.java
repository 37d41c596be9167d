package io.firedrill.storage.s3;

/**
 * Whether the storage uses {@code If-None-Match: *} for create-if-absent, and so announces
 * {@link io.firedrill.api.spi.StorageFeature#CREATE_IF_ABSENT}.
 */
public enum ConditionalWrites {
    /**
     * Probe the server when the storage opens (two conditional writes of a scratch object, then a delete) and use
     * conditional writes only if the second write is refused with 412. The default.
     */
    AUTO,
    /** Use conditional writes without probing: for Amazon S3 and servers known to support them. */
    ENABLED,
    /** Never use them: the storage does not announce create-if-absent and Firedrill uses its fallbacks. */
    DISABLED
}

package io.firedrill.storage.s3;

/**
 * When the AWS SDK computes and sends flexible checksums (CRC32 trailers) on requests, and validates them on
 * responses. Firedrill sends a {@code Content-MD5} of every upload either way.
 */
public enum ChecksumCalculation {
    /**
     * Only when an operation requires it. The default: SDK 2.30 and later otherwise send CRC32 trailers with
     * {@code aws-chunked} bodies that many S3-compatible servers reject.
     */
    WHEN_REQUIRED,
    /** Whenever the operation supports it, as the SDK does by default: fine for Amazon S3 itself. */
    WHEN_SUPPORTED
}

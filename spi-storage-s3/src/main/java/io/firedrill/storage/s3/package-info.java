/**
 * Repositories in Amazon S3 and S3-compatible object stores ({@code s3://bucket/prefix}).
 *
 * <p>{@link io.firedrill.storage.s3.S3StorageProvider} resolves {@code s3:} URIs through {@code ServiceLoader};
 * {@link io.firedrill.storage.s3.S3StorageBuilder} sets everything explicitly (credentials, endpoint, timeouts,
 * retries, parallelism, multipart sizes, conditional writes). See {@code docs/storage-s3.md}.
 */
package io.firedrill.storage.s3;

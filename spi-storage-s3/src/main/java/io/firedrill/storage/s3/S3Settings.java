package io.firedrill.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything an {@link S3Storage} is opened with, validated by {@link S3StorageBuilder}. The secret key never
 * appears in {@link #toString()}.
 */
record S3Settings(
        String bucket,
        String prefix,
        Optional<String> region,
        Optional<URI> endpoint,
        boolean pathStyleAccess,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        ChecksumCalculation checksumCalculation,
        ConditionalWrites conditionalWrites,
        int maxConnections,
        Duration connectTimeout,
        Duration readTimeout,
        Duration apiCallTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        long multipartThreshold,
        long minimumPartSize) {

    /** Where the repository lives, for messages: {@code s3://bucket/prefix} plus the endpoint if overridden. */
    String describe() {
        String location = "s3://" + bucket + "/" + prefix;
        return endpoint.map(e -> location + " at " + e).orElse(location);
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", region=" + region.orElse("(default chain)")
                + ", pathStyleAccess=" + pathStyleAccess
                + ", credentials=" + (accessKeyId.isPresent() ? "explicit" : "default chain")
                + ", checksumCalculation=" + checksumCalculation + ", conditionalWrites=" + conditionalWrites
                + ", maxConnections=" + maxConnections + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", apiCallTimeout=" + apiCallTimeout
                + ", maxAttempts=" + maxAttempts + ", multipartThreshold=" + multipartThreshold
                + ", minimumPartSize=" + minimumPartSize + "]";
    }
}

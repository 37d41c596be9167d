package io.firedrill.storage.s3;

import io.firedrill.api.StorageException;

/**
 * How an object is cut into the parts of a multipart upload, within S3's limits: every part but the last at
 * least 5 MiB and at most 5 GiB, at most 10,000 parts. The part size is the configured minimum, grown (in whole
 * MiB) just enough that the object fits in 10,000 parts.
 *
 * @param objectSize the object's size in bytes
 * @param partSize the size of every part but the last
 * @param parts the number of parts
 */
record PartPlan(long objectSize, long partSize, int parts) {
    static final long MIN_PART_SIZE = 5 * S3StorageBuilder.MIB;
    static final long MAX_PART_SIZE = 5 * S3StorageBuilder.GIB;
    static final int MAX_PARTS = 10_000;

    /**
     * @param objectSize the object's size, above zero
     * @param minimumPartSize the configured smallest part, in 5 MiB..5 GiB
     * @throws StorageException when the object is too large for 10,000 parts of 5 GiB
     */
    static PartPlan of(long objectSize, long minimumPartSize) {
        if (objectSize <= 0) {
            throw new IllegalArgumentException("a multipart upload needs at least one byte, got " + objectSize);
        }
        long needed = ceilDiv(objectSize, MAX_PARTS);
        long partSize = Math.max(minimumPartSize, ceilDiv(needed, S3StorageBuilder.MIB) * S3StorageBuilder.MIB);
        if (partSize > MAX_PART_SIZE) {
            throw new StorageException("an object of " + objectSize + " bytes exceeds S3's largest object of "
                    + MAX_PARTS + " parts of 5 GiB", "store smaller objects (lower the pack size)", false, null);
        }
        return new PartPlan(objectSize, partSize, (int) ceilDiv(objectSize, partSize));
    }

    /** The offset of a part, numbered from 1. */
    long offset(int partNumber) {
        return (partNumber - 1) * partSize;
    }

    /** The length of a part, numbered from 1: the part size, or what is left for the last part. */
    long length(int partNumber) {
        return Math.min(partSize, objectSize - offset(partNumber));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

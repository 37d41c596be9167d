package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.storage.StorageContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link S3Storage} meets the storage contract against S3Proxy, with conditional writes (S3Proxy 4 honours
 * {@code If-None-Match: *}) found by the probe, and with a small multipart threshold so the kit's large objects
 * go up in parts.
 */
class S3StorageContractTest extends StorageContract {
    @RegisterExtension
    static final RunningS3Proxy S3 = new RunningS3Proxy();

    @Override
    protected Storage newStorage() {
        return S3.server().storage(S3.server().newBucket()).prefix("repo/one")
                .multipartThreshold(PartPlan.MIN_PART_SIZE).minimumPartSize(PartPlan.MIN_PART_SIZE).build();
    }

    @Test
    void probeFindsConditionalWrites() {
        assertTrue(storage().features().contains(StorageFeature.CREATE_IF_ABSENT), storage().features().toString());
    }
}

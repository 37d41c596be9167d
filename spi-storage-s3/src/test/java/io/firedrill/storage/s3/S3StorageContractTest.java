package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.storage.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link S3Storage} meets the storage contract against S3Proxy, with conditional writes (S3Proxy 4 honours
 * {@code If-None-Match: *}) found by the probe, and with a small multipart threshold so the kit's large objects
 * go up in parts.
 */
class S3StorageContractTest extends StorageContract {
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Storage newStorage() {
        return server.storage(server.newBucket()).prefix("repo/one")
                .multipartThreshold(PartPlan.MIN_PART_SIZE).minimumPartSize(PartPlan.MIN_PART_SIZE).build();
    }

    @Test
    void probeFindsConditionalWrites() {
        assertTrue(storage().features().contains(StorageFeature.CREATE_IF_ABSENT), storage().features().toString());
    }
}

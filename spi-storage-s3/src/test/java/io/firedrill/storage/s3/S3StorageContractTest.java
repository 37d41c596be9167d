package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.storage.GeneratedPayload;
import io.firedrill.core.storage.StorageContract;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

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
    void multipartObjectsCarryTheEtagOfTheirPartsDigests() throws Exception {
        long size = 2 * PartPlan.MIN_PART_SIZE + 12_345;
        GeneratedPayload payload = new GeneratedPayload(11, size);
        storage().put("packs/multi", payload);

        MessageDigest ofParts = MessageDigest.getInstance("MD5");
        try (InputStream in = payload.open()) {
            for (long left = size; left > 0; left -= PartPlan.MIN_PART_SIZE) {
                ofParts.update(MessageDigest.getInstance("MD5").digest(in.readNBytes(
                        (int) Math.min(left, PartPlan.MIN_PART_SIZE))));
            }
        }
        String expected = HexFormat.of().formatHex(ofParts.digest()) + "-3";
        try (S3Client raw = S3.server().rawClient()) {
            String bucket = storage().describe().substring(5, storage().describe().indexOf('/', 5));
            String etag = raw.headObject(r -> r.bucket(bucket).key("repo/one/packs/multi")).eTag().replace("\"", "");
            assertEquals(expected, etag, "ObjectUploads recognises a completed upload of its own by this ETag");
        }
    }

    @Test
    void probeFindsConditionalWrites() {
        assertTrue(storage().features().contains(StorageFeature.CREATE_IF_ABSENT), storage().features().toString());
    }
}

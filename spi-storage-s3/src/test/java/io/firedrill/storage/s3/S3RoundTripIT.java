package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.api.spi.StorageProvider;
import io.firedrill.core.session.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A full backup, verify and restore through {@code Firedrill.configure().repository("s3://...")} against S3Proxy,
 * byte-identical, once with conditional writes (found by the probe) and once with them disabled, where the
 * repository's creation and locks take their paths for storages without create-if-absent. Packs of 6 MiB
 * against a 5 MiB multipart threshold make every full pack a multipart upload.
 */
class S3RoundTripIT {
    static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);
    private static final char[] PASSPHRASE = "s3 round trip".toCharArray();
    @RegisterExtension
    static final RunningS3Proxy S3 = new RunningS3Proxy();

    @TempDir
    Path dir;

    @Test
    void backupVerifyRestoreWithConditionalWrites() throws Exception {
        String bucket = S3.server().newBucket();
        roundTrip("s3://" + bucket + "/backups/db1?endpoint=" + S3.server().endpoint() + "&path-style=true");
        try (S3Storage storage = S3.server().storage(bucket).prefix("backups/db1").build()) {
            assertTrue(storage.features().contains(StorageFeature.CREATE_IF_ABSENT));
        }
    }

    @Test
    void backupVerifyRestoreWithoutConditionalWrites() throws Exception {
        String bucket = S3.server().newBucket();
        roundTrip("s3://" + bucket + "/fallback?endpoint=" + S3.server().endpoint()
                + "&path-style=true&conditional-writes=disabled");
        try (S3Storage storage = S3.server().storage(bucket).conditionalWrites(ConditionalWrites.DISABLED).build()) {
            assertFalse(storage.features().contains(StorageFeature.CREATE_IF_ABSENT));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> storage.putIfAbsent("locks/x", Payload.of(new byte[1])));
            assertTrue(e.getMessage().contains("disabled"), e.getMessage());
        }
    }

    private void roundTrip(String uri) throws Exception {
        Path source = SourceTree.create(dir.resolve("source"), 42);
        StorageProvider provider = S3Storage.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .multipartThreshold(PartPlan.MIN_PART_SIZE).minimumPartSize(PartPlan.MIN_PART_SIZE).provider();
        FluentConfiguration configuration = Firedrill.configure().repository(uri).storageProvider(provider)
                .passphrase(PASSPHRASE).packSize(6 * 1024 * 1024).parallelism(2);
        BackupResult backup;
        try (Firedrill firedrill = configuration.init(Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF))) {
            backup = firedrill.backup().directory(source).tag("s3").run();
        }
        try (Firedrill firedrill = configuration.load()) {
            VerifyReport report = firedrill.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
            firedrill.restore().backup(backup.backup().id()).to(dir.resolve("restored")).run();
            assertEquals(1, firedrill.list().size());
        }
        Trees.assertSameTree(source, dir.resolve("restored"));
        try (S3Client raw = S3.server().rawClient()) {
            String bucket = uri.substring(5, uri.indexOf('/', 5));
            assertTrue(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty(), "no multipart upload left");
        }
    }
}

package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.storage.proxy.ChaosPlan;
import io.firedrill.core.storage.proxy.ChaosProxy;
import io.firedrill.core.storage.proxy.StormyRoundTrip;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup, verify and restore complete byte-identical through a proxy that drops connections, answers 500/503,
 * cuts responses off and delays them at random (seeded) between the storage and S3Proxy. And a server that
 * ignores {@code If-None-Match} (imitated by the proxy hiding the header) is detected, so the storage does not
 * announce create-if-absent.
 */
class S3ChaosIT {
    private static final char[] PASSPHRASE = "chaos".toCharArray();
    @RegisterExtension
    static final RunningS3Proxy S3 = new RunningS3Proxy();

    @TempDir
    Path dir;

    @Test
    void backupVerifyRestoreSurviveAnUnreliableNetwork() throws Exception {
        String bucket = S3.server().newBucket();
        Path source = SourceTree.create(dir.resolve("source"), 7);
        ChaosPlan storm = ChaosPlan.calm(20261121).withDrops(0.03).withErrors(0.06).withTruncations(0.04)
                .withDelays(0.05, Duration.ofMillis(40));
        try (ChaosProxy proxy = ChaosProxy.start(S3.server().endpoint(), storm)) {
            FluentConfiguration configuration = Firedrill.configure()
                    .repository("s3://" + bucket + "/stormy?endpoint=" + proxy.uri() + "&path-style=true")
                    .storageProvider(S3Storage.builder()
                            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                            .multipartThreshold(PartPlan.MIN_PART_SIZE).minimumPartSize(PartPlan.MIN_PART_SIZE)
                            .readTimeout(Duration.ofSeconds(5)).maxAttempts(8)
                            .retryDelays(Duration.ofMillis(5), Duration.ofMillis(200)).provider())
                    .passphrase(PASSPHRASE).packSize(6 * 1024 * 1024).parallelism(2);
            StormyRoundTrip.run(configuration, Encryption.passphrase(PASSPHRASE).withKdf(S3RoundTripIT.FAST_KDF),
                    source, dir.resolve("restored"), proxy);
        }
    }

    @Test
    void serverIgnoringIfNoneMatchIsDetectedAndCreateIfAbsentNotAnnounced() {
        try (S3ProxyServer unsigned = S3ProxyServer.startWithoutAuthentication()) {
            String bucket = unsigned.newBucket();
            ChaosPlan hideHeader = ChaosPlan.calm(1).withoutRequestHeader("If-None-Match");
            try (ChaosProxy proxy = ChaosProxy.start(unsigned.endpoint(), hideHeader);
                 S3Storage storage = unsigned.storage(bucket).endpoint(proxy.uri()).build()) {
                assertFalse(storage.features().contains(StorageFeature.CREATE_IF_ABSENT), storage.toString());
                assertEquals(Map.of(), listAll(storage), "the probe's scratch object is gone");
            }
            try (S3Storage direct = unsigned.storage(bucket).build()) {
                assertTrue(direct.features().contains(StorageFeature.CREATE_IF_ABSENT), direct.toString());
            }
        }
    }

    private static Map<String, Long> listAll(S3Storage storage) {
        Map<String, Long> all = new TreeMap<>();
        storage.list("", info -> all.put(info.name(), info.size()));
        return all;
    }
}

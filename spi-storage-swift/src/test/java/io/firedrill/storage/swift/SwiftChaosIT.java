package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import io.firedrill.core.storage.proxy.ChaosPlan;
import io.firedrill.core.storage.proxy.ChaosProxy;
import io.firedrill.core.storage.proxy.StormyRoundTrip;
import io.firedrill.storage.swift.server.SwiftServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup, verify and restore complete byte-identical through a proxy between the storage and the local Swift that
 * drops connections, answers 500/503, cuts responses off and delays them at random (seeded). Packs are stored as
 * Static Large Objects, so segment uploads, manifests and segmented downloads meet the faults too. Only the
 * object requests go through the proxy (the storage URL); logins go straight to the auth URL. And a container
 * listing whose pages are cut off mid-body resumes after the last name it read.
 */
class SwiftChaosIT {
    private static final char[] PASSPHRASE = "chaos".toCharArray();
    private static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);
    private static final RetryPolicy PATIENT = new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(200));

    @TempDir
    Path dir;

    @Test
    void backupVerifyRestoreSurviveAnUnreliableNetwork() throws Exception {
        SwiftServer swift = LocalSwift.server();
        Path source = SourceTree.create(dir.resolve("source"), 7);
        ChaosPlan storm = ChaosPlan.calm(20261121).withDrops(0.03).withErrors(0.06).withTruncations(0.04)
                .withDelays(0.05, Duration.ofMillis(40));
        try (ChaosProxy proxy = ChaosProxy.start(swift.storageUrl(), storm)) {
            URI storageUrl = proxy.uri().resolve(swift.storageUrl().getPath());
            FluentConfiguration configuration = Firedrill.configure()
                    .repository("swift://" + LocalSwift.freshContainer("chaos") + "/stormy?create=true&auth_url="
                            + swift.authUrl() + "&user=" + swift.user() + "&key=" + swift.key() + "&storage_url="
                            + storageUrl + "&large_object_threshold=1048576&segment_size=1048576")
                    .storageProvider(patientSwift())
                    .passphrase(PASSPHRASE).packSize(4 * 1024 * 1024).parallelism(2);
            StormyRoundTrip.run(configuration, Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF), source,
                    dir.resolve("restored"), proxy);
        }
    }

    @Test
    void listingWhosePagesBreakOffResumesWithoutRepeatingOrLosingNames() {
        SwiftServer swift = LocalSwift.server();
        try (ChaosProxy proxy = ChaosProxy.start(swift.storageUrl(), ChaosPlan.calm(5));
             SwiftStorage storage = LocalSwift.builder("chaos-list").listingPageSize(7).retryPolicy(PATIENT)
                     .storageUrl(proxy.uri().resolve(swift.storageUrl().getPath())).build()) {
            List<String> stored = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "index/" + String.format("%03d", i) + "-a-name-long-enough-to-cut-pages-mid-entry";
                storage.put(name, Payload.of(new byte[i]));
                stored.add(name);
            }
            proxy.plan(ChaosPlan.calm(5).withTruncations(0.4));
            List<String> listed = new ArrayList<>();
            storage.list("index/", info -> listed.add(info.name()));
            assertEquals(stored, listed);
            assertTrue(proxy.injected(ChaosProxy.Fault.TRUNCATE) > 0, proxy.requests() + " requests, none cut off");
        }
    }

    /** The {@code swift} scheme with a short read timeout and quick, numerous retries. */
    private static StorageProvider patientSwift() {
        return new StorageProvider() {
            @Override
            public String scheme() {
                return "swift";
            }

            @Override
            public Storage open(URI uri) {
                return SwiftUri.parse(uri, Map.of()).readTimeout(Duration.ofSeconds(5)).retryPolicy(PATIENT).build();
            }
        };
    }
}

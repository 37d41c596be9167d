package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong credentials, a missing bucket, an unreachable endpoint and malformed URIs give clear errors, early. */
class S3FailuresIT {
    @RegisterExtension
    static final RunningS3Proxy S3 = new RunningS3Proxy();

    @Test
    void wrongSecretKeyIsReportedAsRefusedCredentialsWithoutTheSecret() {
        String bucket = S3.server().newBucket();
        StorageException e = assertThrows(StorageException.class, () -> S3.server().storage(bucket)
                .credentials(S3ProxyServer.ACCESS_KEY, "not-the-secret-at-all").build());

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("s3://" + bucket), e.getMessage());
        assertTrue(e.hint().contains("refused the credentials"), e.hint());
        assertFalse(e.getMessage().contains("not-the-secret-at-all"), e.getMessage());
    }

    @Test
    void unknownAccessKeyIsReportedAsRefusedCredentials() {
        String bucket = S3.server().newBucket();
        StorageException e = assertThrows(StorageException.class, () -> S3.server().storage(bucket)
                .credentials("nobody", S3ProxyServer.SECRET_KEY).build());

        assertTrue(e.hint().contains("refused the credentials"), e.getMessage());
    }

    @Test
    void missingBucketIsReportedWhenTheStorageOpens() {
        StorageException e = assertThrows(StorageException.class, () -> S3.server().storage("no-such-bucket").build());

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
        assertTrue(e.hint().contains("bucket no-such-bucket does not exist"), e.hint());
    }

    @Test
    void missingBucketThroughFiredrillNamesTheRepository() {
        FiredrillException e = assertThrows(FiredrillException.class, () -> Firedrill.configure()
                .repository("s3://absent-bucket/x?endpoint=" + S3.server().endpoint() + "&path-style=true")
                .storageProvider(S3Storage.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                        .provider())
                .passphrase("pw".toCharArray()).load());

        assertEquals(ErrorCode.STORAGE_FAILURE, e.code());
        assertTrue(e.getMessage().contains("s3://absent-bucket/x/"), e.getMessage());
    }

    @Test
    void unreachableEndpointFailsQuicklyAsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        StorageException e = assertThrows(StorageException.class, () -> S3Storage.builder().bucket("any-bucket")
                .endpoint(URI.create("http://127.0.0.1:" + closedPort)).pathStyleAccess(true)
                .credentials("key", "secret").connectTimeout(Duration.ofMillis(500)).maxAttempts(2)
                .retryDelays(Duration.ofMillis(10), Duration.ofMillis(50)).build());

        assertTrue(e.retryable());
        assertTrue(e.hint().contains("cannot connect to http://127.0.0.1:" + closedPort), e.hint());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "took too long");
    }

    @Test
    void silentEndpointTimesOutInsteadOfHanging() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            StorageException e = assertThrows(StorageException.class, () -> S3Storage.builder().bucket("any-bucket")
                    .endpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort())).pathStyleAccess(true)
                    .credentials("key", "secret").readTimeout(Duration.ofMillis(300)).maxAttempts(2)
                    .retryDelays(Duration.ofMillis(10), Duration.ofMillis(50)).build());

            assertTrue(e.retryable());
            assertTrue(e.hint().contains("stopped answering"), e.hint());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "took too long");
        }
    }

    @Test
    void missingObjectIsObjectNotFoundForWholeAndRangedReads() {
        try (S3Storage storage = S3.server().storage(S3.server().newBucket()).build()) {
            assertThrows(ObjectNotFoundException.class, () -> storage.get("data/none"));
            assertThrows(ObjectNotFoundException.class, () -> storage.get("data/none", 5, 10));
            storage.put("data/some", Payload.of(new byte[10]));
            assertThrows(IllegalArgumentException.class, () -> storage.get("data/some", 5, 10));
            assertThrows(IllegalArgumentException.class, () -> storage.get("data/some", 11, 0));
        }
    }

    @Test
    void malformedUrisAreRejectedBeforeAnyRequest() {
        String[] malformed = {
            "s3:bucket/prefix", "s3:///prefix", "s3://Bad_Bucket/x", "s3://bucket:9000/x",
            "s3://bucket/x?endpoint=ftp://host", "s3://bucket/x?color=blue", "s3://bucket/x?path-style=maybe",
            "s3://bucket/x?conditional-writes=sometimes", "s3://bucket/a/../b", "s3://bucket/x#frag",
        };
        for (String uri : malformed) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> new S3StorageProvider().open(URI.create(uri)), uri);
            assertTrue(e.hint() != null && !e.hint().isBlank(), uri);
        }
    }

    @Test
    void credentialsInAUriAreRefusedAndNotEchoed() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new S3StorageProvider().open(URI.create("s3://AKIDEXAMPLE:SeCrEt@bucket/x")));

        assertFalse(e.getMessage().contains("SeCrEt"), e.getMessage());
        assertTrue(e.hint().contains("never put credentials in a URI"), e.hint());
    }
}

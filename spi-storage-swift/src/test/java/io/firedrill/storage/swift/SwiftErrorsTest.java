package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.StorageException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong credentials, missing containers, bad URIs and unreachable or silent endpoints fail clearly and quickly. */
class SwiftErrorsTest {
    private static final String WRONG_KEY = "not-the-key-4711";
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

    @Test
    void wrongKeyIsRefusedAtOnceWithoutEchoingIt() {
        long start = System.nanoTime();
        StorageException e = assertThrows(StorageException.class, () -> SwiftStorage.builder()
                .auth(SwiftAuth.v1(LocalSwift.server().authUrl(), LocalSwift.server().user(), WRONG_KEY.toCharArray()))
                .container("anything").build());

        assertEquals(ErrorCode.STORAGE_FAILURE, e.code());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("refused the credentials of user 'test:tester'"), e.getMessage());
        assertTrue(e.hint().contains("ST_KEY"), e.hint());
        assertFalse(e.getMessage().contains(WRONG_KEY), "the key must never appear in a message");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "a refusal is not retried");
    }

    @Test
    void missingContainerIsNamedWithHowToCreateIt() {
        String container = LocalSwift.freshContainer("absent");
        StorageException e = assertThrows(StorageException.class,
                () -> SwiftStorage.builder().auth(LocalSwift.auth()).container(container).build());

        assertTrue(e.getMessage().contains("container " + container + " does not exist"), e.getMessage());
        assertTrue(e.hint().contains("create=true"), e.hint());
        assertFalse(e.retryable());
    }

    @Test
    void userWithoutRightsToCreateTheContainerIsToldSo() {
        SwiftAuth reader = SwiftAuth.v1(LocalSwift.server().authUrl(), LocalSwift.server().readerUser(),
                LocalSwift.server().readerKey().toCharArray());
        StorageException e = assertThrows(StorageException.class, () -> SwiftStorage.builder().auth(reader)
                .container(LocalSwift.freshContainer("forbidden")).createContainer(true).build());

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.hint().contains("access"), e.hint());
    }

    @Test
    void unreachableEndpointFailsAfterTheRetriesWithAHint() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/auth/v1.0");

        StorageException e = assertThrows(StorageException.class, () -> SwiftStorage.builder()
                .auth(SwiftAuth.v1(nowhere, "test:tester", "testing".toCharArray())).container("c")
                .retryPolicy(QUICK).build());

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("after 3 attempts") && e.getMessage().contains("cannot connect to"),
                e.getMessage());
        assertTrue(e.hint().contains("reachable"), e.hint());
    }

    @Test
    void endpointThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI auth = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/auth/v1.0");
            long start = System.nanoTime();

            StorageException e = assertThrows(StorageException.class, () -> SwiftStorage.builder()
                    .auth(SwiftAuth.v1(auth, "test:tester", "testing".toCharArray())).container("c")
                    .requestTimeout(Duration.ofMillis(300)).retryPolicy(QUICK).build());

            assertTrue(e.getMessage().contains("in time"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "bounded by the timeouts");
        }
    }

    @Test
    void malformedUrisAreRejectedBeforeAnyRequest() {
        SwiftStorageProvider provider = new SwiftStorageProvider(Map.of("ST_AUTH", "http://127.0.0.1:1/auth/v1.0",
                "ST_USER", "u", "ST_KEY", "k"));
        for (String uri : new String[] {"swift:container", "swift:///prefix-only", "swift://user:pw@container/p",
            "swift://c/p?colour=blue", "swift://c/p#frag", "swift://c/p?auth_version=2", "swift://c?retries=-1",
            "swift://c?large_object_threshold=12", "swift://c?auth_url=ftp://example.com/"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> provider.open(URI.create(uri)), uri);
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertFalse(e.getMessage().contains("pw@"), e.getMessage());
        }
    }

    @Test
    void missingCredentialsSayWhichVariablesToSet() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new SwiftStorageProvider(Map.of()).open(URI.create("swift://backups/db1")));

        assertTrue(e.hint().contains("ST_AUTH") && e.hint().contains("OS_AUTH_URL"), e.hint());
    }

    @Test
    void repositoryUriWithWrongKeyFailsThroughTheApi() {
        String uri = "swift://" + LocalSwift.freshContainer("api") + "/db1?auth_url=" + LocalSwift.server().authUrl()
                + "&user=test:tester&key=" + WRONG_KEY;

        FiredrillException e = assertThrows(FiredrillException.class,
                () -> Firedrill.configure().repository(uri).passphrase("pw".toCharArray()).load());

        assertEquals(ErrorCode.STORAGE_FAILURE, e.code());
        assertFalse(e.getMessage().contains(WRONG_KEY), e.getMessage());
    }
}

package io.firedrill.storage.swift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The launcher starts a working Swift, and invalidating tokens really makes the server refuse old ones. */
class SwiftServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void handsOutTokensThatWorkUntilInvalidated() throws Exception {
        SwiftServer swift = SwiftServer.shared();
        String token = token(swift);
        assertEquals(2, account(swift, token) / 100, "account HEAD with a fresh token");

        swift.invalidateTokens();

        assertEquals(401, account(swift, token), "account HEAD with an invalidated token");
        assertEquals(2, account(swift, token(swift)) / 100, "account HEAD with a new token");
        assertTrue(Files.isDirectory(swift.directory().resolve("srv/d1")));
    }

    private String token(SwiftServer swift) throws Exception {
        HttpResponse<Void> auth = client.send(HttpRequest.newBuilder(swift.authUrl())
                .header("X-Auth-User", swift.user()).header("X-Auth-Key", swift.key()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, auth.statusCode());
        return auth.headers().firstValue("X-Auth-Token").orElseThrow();
    }

    private int account(SwiftServer swift, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(swift.storageUrl()).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

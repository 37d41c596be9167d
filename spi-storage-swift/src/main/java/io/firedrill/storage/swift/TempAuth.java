package io.firedrill.storage.swift;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/** Auth v1: {@code GET} the auth URL with user and key; the answer's headers carry the token and storage URL. */
final class TempAuth implements SwiftAuth {
    private final URI authUrl;
    private final String user;
    private final char[] key;

    TempAuth(URI authUrl, String user, char[] key) {
        this.authUrl = AuthChecks.httpUrl(authUrl, "auth v1 URL");
        this.user = AuthChecks.nonBlank(user, "auth v1 user");
        this.key = AuthChecks.secret(key, "auth v1 key");
    }

    @Override
    public URI authUrl() {
        return authUrl;
    }

    SwiftToken login(HttpClient client, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(authUrl).timeout(timeout).GET()
                .header("X-Auth-User", user).header("X-Auth-Key", new String(key)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        AuthChecks.requireSuccess(response, this, user);
        String token = response.headers().firstValue("X-Auth-Token")
                .or(() -> response.headers().firstValue("X-Storage-Token")).orElse(null);
        String storage = response.headers().firstValue("X-Storage-Url").orElse(null);
        if (token == null || storage == null) {
            throw AuthChecks.malformed(this, "answered " + response.statusCode()
                    + " without X-Auth-Token and X-Storage-Url headers");
        }
        return new SwiftToken(token, URI.create(storage));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TempAuth that && authUrl.equals(that.authUrl) && user.equals(that.user)
                && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authUrl, user);
    }

    @Override
    public String toString() {
        return "auth v1 at " + authUrl + " as " + user;
    }
}

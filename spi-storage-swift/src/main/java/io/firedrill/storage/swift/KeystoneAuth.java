package io.firedrill.storage.swift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.api.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Keystone v3 password authentication scoped to a project. The token comes back in {@code X-Subject-Token}; the
 * storage URL is the {@code object-store} endpoint of the token's catalog for the chosen interface and region.
 * Immutable: {@link #region(String)} and {@link #endpointInterface(String)} return adjusted copies.
 */
public final class KeystoneAuth implements SwiftAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private final URI authUrl;
    private final String userDomain;
    private final String user;
    private final char[] password;
    private final String projectDomain;
    private final String project;
    private final String region;
    private final String endpointInterface;

    KeystoneAuth(URI authUrl, String userDomain, String user, char[] password, String projectDomain, String project,
            String region, String endpointInterface) {
        this.authUrl = AuthChecks.httpUrl(authUrl, "Keystone auth URL");
        this.userDomain = AuthChecks.nonBlank(userDomain, "Keystone user domain");
        this.user = AuthChecks.nonBlank(user, "Keystone user");
        this.password = AuthChecks.secret(password, "Keystone password");
        this.projectDomain = AuthChecks.nonBlank(projectDomain, "Keystone project domain");
        this.project = AuthChecks.nonBlank(project, "Keystone project");
        this.region = region;
        if (!INTERFACES.contains(endpointInterface)) {
            throw new InvalidConfigurationException("Keystone endpoint interface '" + endpointInterface
                    + "' is not one of " + INTERFACES, "use public (the default), internal or admin");
        }
        this.endpointInterface = endpointInterface;
    }

    /** The same, taking the {@code object-store} endpoint of this region (default: the catalog's only one). */
    public KeystoneAuth region(String regionName) {
        return new KeystoneAuth(authUrl, userDomain, user, password, projectDomain, project,
                AuthChecks.nonBlank(regionName, "Keystone region"), endpointInterface);
    }

    /** The same, taking the endpoint of this interface: {@code public} (the default), {@code internal}, {@code admin}. */
    public KeystoneAuth endpointInterface(String name) {
        return new KeystoneAuth(authUrl, userDomain, user, password, projectDomain, project, region, name);
    }

    @Override
    public URI authUrl() {
        return authUrl;
    }

    SwiftToken login(HttpClient client, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokensUrl(authUrl)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody())).build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        AuthChecks.requireSuccess(response, this, user);
        String token = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (token == null) {
            throw AuthChecks.malformed(this, "answered " + response.statusCode() + " without X-Subject-Token");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw AuthChecks.malformed(this, "answered with a body that is not JSON");
        }
        URI storage = KeystoneCatalog.objectStoreEndpoint(body, region, endpointInterface, AuthChecks.redact(authUrl));
        return new SwiftToken(token, storage);
    }

    /** {@code .../v3} becomes {@code .../v3/auth/tokens}; a URL already ending in {@code /auth/tokens} is kept. */
    static URI tokensUrl(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("/auth/tokens")) {
            return URI.create(text);
        }
        return URI.create(text.endsWith("/v3") ? text + "/auth/tokens" : text + "/v3/auth/tokens");
    }

    private byte[] requestBody() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode userNode = identity.putObject("password").putObject("user");
        userNode.put("name", user);
        userNode.putObject("domain").put("name", userDomain);
        userNode.put("password", new String(password));
        ObjectNode projectNode = auth.putObject("scope").putObject("project");
        projectNode.put("name", project);
        projectNode.putObject("domain").put("name", projectDomain);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeystoneAuth that && authUrl.equals(that.authUrl) && user.equals(that.user)
                && userDomain.equals(that.userDomain) && Arrays.equals(password, that.password)
                && project.equals(that.project) && projectDomain.equals(that.projectDomain)
                && Objects.equals(region, that.region) && endpointInterface.equals(that.endpointInterface);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authUrl, user, project);
    }

    @Override
    public String toString() {
        return "Keystone v3 at " + AuthChecks.redact(authUrl) + " as " + userDomain + "/" + user + " in project "
                + projectDomain + "/" + project + " (" + endpointInterface + " endpoint"
                + (region == null ? "" : ", region " + region) + ")";
    }
}

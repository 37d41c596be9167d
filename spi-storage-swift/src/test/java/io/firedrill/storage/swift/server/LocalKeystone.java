package io.firedrill.storage.swift.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.core.process.ExternalCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Keystone v3 from Debian's {@code python3-keystone} (SQLite database, Fernet tokens, its own test WSGI server on
 * loopback) and a second Swift proxy, over the same account, container and object servers, that validates Keystone
 * tokens ({@code keystonemiddleware}'s authtoken and Swift's keystoneauth) and is registered in Keystone's catalog as
 * the {@code object-store} endpoint. Started on first use by {@link SwiftServer#keystone()}.
 */
final class LocalKeystone {
    /** The Debian packages Keystone needs on top of Swift's. */
    static final String PACKAGES = "python3-keystone python3-keystonemiddleware";
    static final String PASSWORD = "keystone-admin-password";
    private static final Path WSGI = Path.of("/usr/bin/keystone-wsgi-public");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalKeystone() {
    }

    /**
     * Sets Keystone up in {@code dir/keystone}, starts it and the Keystone-guarded proxy through {@code server}.
     *
     * @param keystonePort Keystone's port
     * @param proxyPort the Keystone-guarded proxy's port
     */
    static KeystoneEndpoint start(SwiftServer server, Path dir, int keystonePort, int proxyPort, int memcachedPort)
            throws IOException {
        if (!Files.isRegularFile(WSGI)) {
            throw new IllegalStateException("cannot start a local Keystone: " + WSGI + " is missing; "
                    + "install it: apt-get install -y --no-install-recommends " + PACKAGES);
        }
        Path home = Files.createDirectories(dir.resolve("keystone"));
        URI authUrl = URI.create("http://127.0.0.1:" + keystonePort + "/v3");
        Path conf = KeystoneFiles.write(home, dir, authUrl, proxyPort, memcachedPort);
        String confPath = conf.toString();
        ExternalCommand.Result setup = ExternalCommand.run(List.of(SwiftServer.PYTHON.toString(),
                home.resolve("setup.py").toString(), confPath, System.getProperty("user.name"), PASSWORD,
                authUrl.toString()), Duration.ofSeconds(120), name -> name.startsWith("PYTHON"));
        if (!setup.succeeded()) {
            throw new IllegalStateException("cannot set up a local Keystone in " + home + ": " + setup.output()
                    + "\nhint: apt-get install -y --no-install-recommends " + PACKAGES);
        }
        server.spawn("keystone", List.of(SwiftServer.PYTHON.toString(), WSGI.toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(keystonePort), "--", "--config-file", confPath));
        KeystoneEndpoint endpoint = new KeystoneEndpoint(authUrl, "admin", PASSWORD, "Default", "admin", "RegionOne");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String token = server.await("Keystone", () -> adminToken(client, endpoint));
        register(client, authUrl, token, "http://127.0.0.1:" + proxyPort + "/v1/AUTH_$(project_id)s");
        server.spawn("proxy-keystone", List.of(SwiftServer.PYTHON.toString(),
                dir.resolve("lib/launch.py").toString(), dir.resolve("etc/swift.conf").toString(), "proxy-server",
                dir.resolve("etc/proxy-keystone-server.conf").toString()));
        server.await("the Keystone-guarded Swift proxy", () -> healthy(client, proxyPort));
        return endpoint;
    }

    /** The admin's token, or null while Keystone is not answering yet. */
    private static String adminToken(HttpClient client, KeystoneEndpoint endpoint) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", endpoint.user()).put("password", endpoint.password());
        user.putObject("domain").put("name", endpoint.domain());
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", endpoint.project()).putObject("domain").put("name", endpoint.domain());
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(endpoint.authUrl()
                    + "/auth/tokens")).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(root.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 201 ? response.headers().firstValue("X-Subject-Token").orElse(null) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keystone", e);
        }
    }

    private static String healthy(HttpClient client, int port) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/healthcheck")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "ok" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Swift proxy", e);
        }
    }

    /** Registers the object-store service and its public endpoint in region RegionOne. */
    private static void register(HttpClient client, URI authUrl, String token, String url) throws IOException {
        ObjectNode service = JSON.createObjectNode();
        service.putObject("service").put("type", "object-store").put("name", "swift");
        String serviceId = JSON.readTree(post(client, URI.create(authUrl + "/services"), token, service))
                .path("service").path("id").asText();
        ObjectNode endpoint = JSON.createObjectNode();
        endpoint.putObject("endpoint").put("service_id", serviceId).put("interface", "public")
                .put("region_id", "RegionOne").put("url", url);
        post(client, URI.create(authUrl + "/endpoints"), token, endpoint);
    }

    private static String post(HttpClient client, URI url, String token, ObjectNode body) throws IOException {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).header("X-Auth-Token", token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Keystone answered " + response.statusCode() + " to POST " + url
                        + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring Keystone", e);
        }
    }
}

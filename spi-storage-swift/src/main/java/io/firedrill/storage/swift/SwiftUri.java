package io.firedrill.storage.swift;

import io.firedrill.api.InvalidConfigurationException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code swift://container/prefix?...} URI, and the usual environment variables, into a
 * {@link SwiftStorageBuilder}. Query parameters win over {@code ST_*} variables (auth v1), which win over
 * {@code OS_*} variables (Keystone v3). Unknown parameters are errors, so a typo never goes unnoticed.
 */
final class SwiftUri {
    static final String FORM = "swift://container/prefix, with credentials in ST_AUTH/ST_USER/ST_KEY (auth v1) or "
            + "OS_AUTH_URL/OS_USERNAME/OS_PASSWORD/OS_PROJECT_NAME (Keystone v3)";
    private static final Set<String> PARAMETERS = Set.of("auth_url", "auth_version", "user", "key", "password",
            "user_domain", "project", "project_domain", "region", "interface", "storage_url", "create",
            "segment_container", "large_object_threshold", "segment_size", "request_timeout", "connect_timeout",
            "read_timeout", "retries");

    private SwiftUri() {
    }

    static SwiftStorageBuilder parse(URI uri, Map<String, String> env) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("swift")) {
            throw malformed(uri, "does not have the swift scheme");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw malformed(uri, "names no container");
        }
        if (uri.getRawAuthority().contains("@")) {
            throw malformed(uri, "carries credentials before the container (user@container)");
        }
        if (uri.getRawFragment() != null) {
            throw malformed(uri, "has a fragment (#...)");
        }
        Map<String, String> query = query(uri);
        SwiftStorageBuilder builder = SwiftStorage.builder().container(uri.getAuthority());
        String path = uri.getPath() == null ? "" : uri.getPath();
        builder.prefix(path.startsWith("/") ? path.substring(1) : path);
        builder.auth(auth(uri, query, env));
        apply(uri, query, env, builder);
        return builder;
    }

    private static SwiftAuth auth(URI uri, Map<String, String> query, Map<String, String> env) {
        String version = query.getOrDefault("auth_version", "");
        if (!version.isEmpty() && !version.equals("1") && !version.equals("3")) {
            throw malformed(uri, "has auth_version=" + version + "; only 1 (tempauth) and 3 (Keystone) are known");
        }
        boolean keystone = version.equals("3") || (version.isEmpty() && !query.containsKey("key")
                && !env.containsKey("ST_AUTH") && (query.containsKey("password") || env.containsKey("OS_AUTH_URL")));
        if (!keystone) {
            String url = first(query.get("auth_url"), env.get("ST_AUTH"));
            String user = first(query.get("user"), env.get("ST_USER"));
            String key = first(query.get("key"), env.get("ST_KEY"));
            if (url == null || user == null || key == null) {
                throw new InvalidConfigurationException("Swift storage " + redacted(uri) + " has no complete "
                        + "credentials (auth URL, user, key)", "set ST_AUTH, ST_USER and ST_KEY (auth v1), or "
                        + "OS_AUTH_URL, OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME (Keystone v3)");
            }
            return SwiftAuth.v1(url(uri, url, "auth_url"), user, key.toCharArray());
        }
        String url = first(query.get("auth_url"), env.get("OS_AUTH_URL"));
        String user = first(query.get("user"), env.get("OS_USERNAME"));
        String password = first(query.get("password"), env.get("OS_PASSWORD"));
        String project = first(query.get("project"), env.get("OS_PROJECT_NAME"));
        if (url == null || user == null || password == null || project == null) {
            throw new InvalidConfigurationException("Swift storage " + redacted(uri) + " has incomplete Keystone "
                    + "credentials", "set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME (and "
                    + "OS_USER_DOMAIN_NAME, OS_PROJECT_DOMAIN_NAME when not Default)");
        }
        KeystoneAuth auth = SwiftAuth.keystone(url(uri, url, "auth_url"),
                first(query.get("user_domain"), env.get("OS_USER_DOMAIN_NAME"), "Default"), user,
                password.toCharArray(), first(query.get("project_domain"), env.get("OS_PROJECT_DOMAIN_NAME"), "Default"),
                project);
        String region = first(query.get("region"), env.get("OS_REGION_NAME"));
        if (region != null) {
            auth = auth.region(region);
        }
        String endpointInterface = first(query.get("interface"), env.get("OS_INTERFACE"));
        return endpointInterface == null ? auth : auth.endpointInterface(endpointInterface.replace("URL", ""));
    }

    private static void apply(URI uri, Map<String, String> query, Map<String, String> env,
            SwiftStorageBuilder builder) {
        String storage = first(query.get("storage_url"), env.get("OS_STORAGE_URL"));
        if (storage != null) {
            builder.storageUrl(url(uri, storage, "storage_url"));
        }
        if (query.containsKey("create")) {
            builder.createContainer(bool(uri, "create", query.get("create")));
        }
        if (query.containsKey("segment_container")) {
            builder.segmentContainer(query.get("segment_container"));
        }
        if (query.containsKey("large_object_threshold")) {
            builder.largeObjectThreshold(number(uri, "large_object_threshold", query.get("large_object_threshold")));
        }
        if (query.containsKey("segment_size")) {
            builder.segmentSize(number(uri, "segment_size", query.get("segment_size")));
        }
        if (query.containsKey("request_timeout")) {
            builder.requestTimeout(Duration.ofSeconds(number(uri, "request_timeout", query.get("request_timeout"))));
        }
        if (query.containsKey("connect_timeout")) {
            builder.connectTimeout(Duration.ofSeconds(number(uri, "connect_timeout", query.get("connect_timeout"))));
        }
        if (query.containsKey("read_timeout")) {
            builder.readTimeout(Duration.ofSeconds(number(uri, "read_timeout", query.get("read_timeout"))));
        }
        if (query.containsKey("retries")) {
            long retries = number(uri, "retries", query.get("retries"));
            RetryPolicy base = RetryPolicy.DEFAULT;
            builder.retryPolicy(new RetryPolicy((int) Math.min(retries + 1, 1000), base.baseDelay(), base.maxDelay()));
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw malformed(uri, "has an unknown parameter '" + name + "'; known: " + PARAMETERS);
            }
            if (out.put(name, value) != null) {
                throw malformed(uri, "repeats parameter '" + name + "'");
            }
        }
        return out;
    }

    private static URI url(URI uri, String value, String parameter) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw malformed(uri, "has a " + parameter + " that is not a URL");
        }
    }

    private static long number(URI uri, String parameter, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw malformed(uri, "has " + parameter + "=" + value + ", which is not a non-negative whole number");
        }
    }

    private static boolean bool(URI uri, String parameter, String value) {
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw malformed(uri, "has " + parameter + "=" + value + "; use true or false");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null && !(value instanceof String s && s.isEmpty())) {
                return value;
            }
        }
        return null;
    }

    /** The URI without user info or query (which may hold a key), for messages. */
    static String redacted(URI uri) {
        String text = uri.toString();
        int q = text.indexOf('?');
        String head = q < 0 ? text : text.substring(0, q) + "?…";
        int at = head.indexOf('@');
        int start = head.indexOf("//");
        return at > start && start >= 0 ? head.substring(0, start + 2) + "…@" + head.substring(at + 1) : head;
    }

    private static InvalidConfigurationException malformed(URI uri, String why) {
        return new InvalidConfigurationException("Swift storage URI '" + redacted(uri) + "' " + why, "use " + FORM);
    }
}

package io.firedrill.storage.s3;

import io.firedrill.api.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads {@code s3://bucket/prefix?endpoint=URL&region=NAME&path-style=true&conditional-writes=auto
 * &checksum-calculation=when_required} into a builder. Credentials in a URI are refused: they would end up in
 * logs and shell histories.
 */
final class S3UriSyntax {
    static final String FORM = "s3://bucket/prefix, optionally with ?endpoint=http://host:port&region=NAME"
            + "&path-style=true&conditional-writes=auto|enabled|disabled&checksum-calculation=when_required|when_supported";

    private S3UriSyntax() {
    }

    static void apply(URI uri, S3StorageBuilder builder) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("s3")) {
            throw malformed(uri, "it does not have the s3 scheme");
        }
        if (uri.isOpaque()) {
            throw malformed(uri, "it has no '//' after 's3:'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidConfigurationException("S3 storage URI '" + S3StorageBuilder.redactUserInfo(uri)
                    + "' carries credentials", "never put credentials in a URI: use S3StorageBuilder.credentials(...) "
                    + "or the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles)");
        }
        if (uri.getRawFragment() != null) {
            throw malformed(uri, "it has a fragment");
        }
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw malformed(uri, "it names no bucket");
        }
        if (uri.getPort() != -1) {
            throw malformed(uri, "it has a port after the bucket; give the server with ?endpoint=http://host:port");
        }
        builder.bucket(bucket);
        builder.prefix(uri.getPath() == null ? "" : uri.getPath());
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (!parameter.isEmpty()) {
                    applyParameter(uri, parameter, builder);
                }
            }
        }
    }

    private static void applyParameter(URI uri, String parameter, S3StorageBuilder builder) {
        int eq = parameter.indexOf('=');
        if (eq <= 0) {
            throw malformed(uri, "query parameter '" + parameter + "' has no value");
        }
        String key = decode(uri, parameter.substring(0, eq));
        String value = decode(uri, parameter.substring(eq + 1));
        switch (key) {
            case "endpoint" -> builder.endpoint(endpoint(uri, value));
            case "region" -> builder.region(value);
            case "path-style" -> builder.pathStyleAccess(bool(uri, key, value));
            case "conditional-writes" -> builder.conditionalWrites(choice(uri, key, value, ConditionalWrites.class));
            case "checksum-calculation" ->
                    builder.checksumCalculation(choice(uri, key, value, ChecksumCalculation.class));
            default -> throw malformed(uri, "query parameter '" + key + "' is unknown; known are endpoint, region, "
                    + "path-style, conditional-writes and checksum-calculation");
        }
    }

    private static URI endpoint(URI uri, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw malformed(uri, "its endpoint '" + value + "' is not a URL: " + e.getReason());
        }
    }

    private static boolean bool(URI uri, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(uri, key + "=" + value + " is neither true nor false");
        };
    }

    private static <E extends Enum<E>> E choice(URI uri, String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw malformed(uri, key + "=" + value + " is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static String decode(URI uri, String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(uri, "'" + raw + "' is not properly percent-encoded");
        }
    }

    private static InvalidConfigurationException malformed(URI uri, String why) {
        return new InvalidConfigurationException("S3 storage URI '" + uri + "' is malformed: " + why, "use " + FORM);
    }
}

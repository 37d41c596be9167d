package io.firedrill.core.repository;

import io.firedrill.core.crypto.BlobIdHasher;
import io.firedrill.core.crypto.MasterKeys;
import io.firedrill.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Authenticates an encrypted repository's config with its meta key. */
final class ConfigMac {
    private static final byte[] CONTEXT = "firedrill config mac v1\n".getBytes(StandardCharsets.US_ASCII);

    private ConfigMac() {
    }

    static String of(RepositoryConfig config, MasterKeys keys) {
        byte[] json = Json.write(config.unsigned());
        byte[] input = new byte[CONTEXT.length + json.length];
        System.arraycopy(CONTEXT, 0, input, 0, CONTEXT.length);
        System.arraycopy(json, 0, input, CONTEXT.length, json.length);
        return HexFormat.of().formatHex(new BlobIdHasher(keys.metaKey()).hash(input, 0, input.length));
    }

    static boolean verifies(RepositoryConfig config, MasterKeys keys) {
        return config.mac() != null && MessageDigest.isEqual(
                of(config, keys).getBytes(StandardCharsets.US_ASCII), config.mac().getBytes(StandardCharsets.US_ASCII));
    }
}

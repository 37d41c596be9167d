package io.firedrill.storage.swift;

import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.util.Map;

/**
 * The {@code swift} scheme: {@code swift://container/prefix} opens a {@link SwiftStorage}. Credentials come from the
 * environment ({@code ST_AUTH}/{@code ST_USER}/{@code ST_KEY} for auth v1, {@code OS_AUTH_URL}, {@code OS_USERNAME},
 * {@code OS_PASSWORD}, {@code OS_PROJECT_NAME}, {@code OS_USER_DOMAIN_NAME}, {@code OS_PROJECT_DOMAIN_NAME},
 * {@code OS_REGION_NAME}, {@code OS_INTERFACE} for Keystone v3) or from query parameters ({@code auth_url},
 * {@code user}, {@code key} or {@code password}, {@code auth_version=3}, {@code project}, …); see
 * {@code docs/storage-swift.md}. Opening logs in and checks the container.
 */
public final class SwiftStorageProvider implements StorageProvider {
    private final Map<String, String> environment;

    /** The provider {@link java.util.ServiceLoader} creates: reads the process environment. */
    public SwiftStorageProvider() {
        this(System.getenv());
    }

    /** A provider reading these variables instead of the process environment (for hosts that manage their own). */
    public SwiftStorageProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String scheme() {
        return "swift";
    }

    @Override
    public Storage open(URI uri) {
        return SwiftUri.parse(uri, environment).build();
    }

    @Override
    public String toString() {
        return "swift storage provider";
    }
}

package io.firedrill.api.spi;

import java.net.URI;

/**
 * Resolves repository URIs of one scheme to a {@link Storage}. Found through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.firedrill.api.spi.StorageProvider} file) or registered explicitly with
 * {@code Firedrill.configure().storageProvider(...)}. Providers are stateless.
 */
public interface StorageProvider {

    /** The URI scheme this provider handles, such as {@code file}, {@code mem} or {@code s3}. */
    String scheme();

    /**
     * Opens the storage a URI names. The URI has this provider's {@link #scheme()}.
     *
     * @throws io.firedrill.api.InvalidConfigurationException when the URI is malformed for this scheme
     * @throws io.firedrill.api.StorageException when the storage cannot be reached
     */
    Storage open(URI uri);
}

package io.firedrill.api.spi;

import io.firedrill.api.Configuration;
import io.firedrill.api.Encryption;

/**
 * The bridge from the public API to the implementation in {@code firedrill-core}, found through
 * {@link java.util.ServiceLoader}. Not for plugin authors: implement {@link StorageProvider} or
 * {@link EngineProvider} instead.
 */
public interface RepositoryRuntime {

    /** Opens the existing repository the configuration names. */
    RepositorySession open(Configuration configuration);

    /** Creates a repository where the configuration points, then opens it. */
    RepositorySession create(Configuration configuration, Encryption encryption);

    /**
     * Creates a repository that shares the master keys (and chunking) of {@code source}, with its own key files
     * made for {@code encryption}, then opens it. Copies between the two move packs without decrypting them.
     */
    RepositorySession createCopyOf(Configuration configuration, Encryption encryption, RepositorySession source);
}

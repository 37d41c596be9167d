package io.firedrill.core.session;

import io.firedrill.api.Configuration;
import io.firedrill.api.Encryption;
import io.firedrill.api.spi.RepositoryRuntime;
import io.firedrill.api.spi.RepositorySession;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.plugin.StorageRegistry;
import io.firedrill.core.repository.Repository;

/** The runtime {@code firedrill-core} registers for the public API. */
public final class CoreRuntime implements RepositoryRuntime {

    @Override
    public RepositorySession open(Configuration configuration) {
        Storage storage = StorageRegistry.open(configuration.repository(), configuration.storageProviders());
        try {
            return new CoreSession(Repository.open(storage, configuration));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    @Override
    public RepositorySession create(Configuration configuration, Encryption encryption) {
        Storage storage = StorageRegistry.open(configuration.repository(), configuration.storageProviders());
        try {
            return new CoreSession(Repository.create(storage, configuration, encryption));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    @Override
    public RepositorySession createCopyOf(Configuration configuration, Encryption encryption,
                                          RepositorySession source) {
        Repository from = CoreSession.repository(source);
        Storage storage = StorageRegistry.open(configuration.repository(), configuration.storageProviders());
        try {
            return new CoreSession(Repository.createCopyOf(storage, configuration, encryption, from));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }
}

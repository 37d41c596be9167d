package io.firedrill.core.storage.memory;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code mem:} scheme: {@code mem:name} names an in-heap storage shared by every handle opened with
 * that name in this JVM, so a test can write with one {@code Firedrill} and read with another.
 */
public final class MemoryStorageProvider implements StorageProvider {
    private static final Map<String, MemoryStorage> NAMED = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "mem";
    }

    @Override
    public Storage open(URI uri) {
        String name = uri.getSchemeSpecificPart();
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new InvalidConfigurationException("memory storage URI '" + uri + "' is malformed",
                    "use mem:<name>, for example mem:test-repository");
        }
        return NAMED.computeIfAbsent(name, MemoryStorage::new);
    }

    /** Forgets the storage of that name, so the next {@code mem:name} starts empty. */
    public static void discard(String name) {
        NAMED.remove(name);
    }
}

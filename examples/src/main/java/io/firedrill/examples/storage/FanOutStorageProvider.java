package io.firedrill.examples.storage;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code fanout:} scheme: {@code fanout:/var/backups/db1} opens a {@link FanOutStorage} in that directory.
 * Listed in {@code META-INF/services/io.firedrill.api.spi.StorageProvider}, so putting this jar on the class path
 * is enough; stateless, as every provider must be.
 */
public final class FanOutStorageProvider implements StorageProvider {
    /** The URI scheme. */
    public static final String SCHEME = "fanout";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Storage open(URI uri) {
        String path = uri.getSchemeSpecificPart();
        if (path == null || !path.startsWith("/")) {
            throw new InvalidConfigurationException("repository '" + uri + "' names no absolute directory",
                    "use fanout:/absolute/path, such as fanout:/var/backups/db1");
        }
        return new FanOutStorage(Path.of(path));
    }
}

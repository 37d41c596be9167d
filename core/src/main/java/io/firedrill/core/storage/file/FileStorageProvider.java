package io.firedrill.core.storage.file;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/**
 * The {@code file} scheme: {@code file:///var/backups/db1} (or {@code file:/var/backups/db1}) opens a
 * {@link FileStorage} rooted at that absolute directory, creating it when missing. Relative paths and hosts
 * are rejected.
 */
public final class FileStorageProvider implements StorageProvider {
    private static final String FORM = "file:///absolute/path, for example file:///var/backups/db1";

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public Storage open(URI uri) {
        return new FileStorage(root(uri));
    }

    /** The absolute directory a {@code file:} URI names. */
    static Path root(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("file")) {
            throw new InvalidConfigurationException("storage URI '" + uri + "' does not have the file scheme",
                    "use " + FORM);
        }
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new InvalidConfigurationException("file storage URI '" + uri + "' has a relative path; "
                    + "the repository location must be absolute", "use " + FORM);
        }
        if (uri.getRawAuthority() != null) {
            throw new InvalidConfigurationException("file storage URI '" + uri + "' names a host ('"
                    + uri.getRawAuthority() + "'); only local paths are supported",
                    "use three slashes for a local path (" + FORM + "); mount remote file systems locally");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException("file storage URI '" + uri + "' has a query or fragment, "
                    + "which the file scheme does not use", "use " + FORM);
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidConfigurationException("file storage URI '" + uri + "' does not name a path: "
                    + e.getMessage(), "use " + FORM);
        }
    }
}

package io.firedrill.core.storage.file;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileStorage} meets the storage contract. */
class FileStorageContractTest extends StorageContract {
    @TempDir
    Path directory;

    @Override
    protected Storage newStorage() {
        return new FileStorage(directory.resolve("repository"));
    }
}

package io.firedrill.examples.storage;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin passes the storage contract kit: the one test suite every storage must pass. */
class FanOutStorageContractTest extends StorageContract {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    static Path dir;

    @Override
    protected Storage newStorage() {
        return new FanOutStorage(dir.resolve("storage-" + COUNTER.incrementAndGet()));
    }
}

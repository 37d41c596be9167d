package io.firedrill.core.storage.memory;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link MemoryStorage} meets the storage contract. */
class MemoryStorageContractTest extends StorageContract {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    protected Storage newStorage() {
        return new MemoryStorage("contract-" + COUNTER.incrementAndGet());
    }
}

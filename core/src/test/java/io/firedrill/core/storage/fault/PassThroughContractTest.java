package io.firedrill.core.storage.fault;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;
import io.firedrill.core.storage.memory.MemoryStorage;

/** With a plan that injects nothing, a {@link FaultInjectingStorage} is a faithful storage. */
class PassThroughContractTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return new FaultInjectingStorage(new MemoryStorage("pass-through"), FaultPlan.none());
    }
}

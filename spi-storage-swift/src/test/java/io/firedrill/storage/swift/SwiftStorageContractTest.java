package io.firedrill.storage.swift;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;

/** {@link SwiftStorage} meets the storage contract against a real Swift (single objects only at these sizes). */
class SwiftStorageContractTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return LocalSwift.builder("contract").build();
    }
}

package io.firedrill.storage.swift;

import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.StorageContract;

/**
 * {@link SwiftStorage} meets the storage contract when every object above 1 MiB is a Static Large Object of 1 MiB
 * segments (the contract's 20 MiB object becomes 20 segments and a manifest).
 */
class SwiftLargeObjectContractTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return LocalSwift.builder("slo-contract").largeObjectThreshold(SwiftStorageBuilder.MIB)
                .segmentSize(SwiftStorageBuilder.MIB).build();
    }
}

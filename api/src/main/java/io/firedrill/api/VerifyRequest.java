package io.firedrill.api;

import java.util.Objects;

/**
 * An immutable description of a verification; built by {@link VerifyCommand}.
 *
 * @param readData how much data to read back beyond the structural check
 * @param listener progress receiver
 */
public record VerifyRequest(ReadData readData, ProgressListener listener) {
    /** Validates. */
    public VerifyRequest {
        Objects.requireNonNull(readData, "readData");
        Objects.requireNonNull(listener, "listener");
    }
}

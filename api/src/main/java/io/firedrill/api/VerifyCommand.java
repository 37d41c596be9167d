package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.util.Objects;

/**
 * Builds and runs an integrity check: {@code firedrill.verify().readData(ReadData.percent(5)).run()}.
 * The structural check (every object a backup needs exists) always runs; read-data additionally decrypts,
 * decompresses and hash-checks the chosen share of the data.
 */
public final class VerifyCommand {
    private final RepositorySession session;
    private ReadData readData = ReadData.none();
    private ProgressListener listener;

    VerifyCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** How much data to read back; default {@link ReadData#none()}. */
    public VerifyCommand readData(ReadData readData) {
        this.readData = Objects.requireNonNull(readData, "readData");
        return this;
    }

    /** Receives progress for this check only. */
    public VerifyCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Runs the check. A damaged repository is reported, not thrown: see {@link VerifyReport#healthy()}. */
    public VerifyReport run() {
        return session.verify(new VerifyRequest(readData, listener));
    }
}

package io.firedrill.core.storage.fault;

/**
 * Thrown by a {@link FaultInjectingStorage} at its planned crash point and by every storage call after it,
 * modelling a process killed at that moment. Code under test must not catch it; a test catches it, then
 * opens the wrapped storage again to check what a restarted process would find.
 */
public final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message where the simulated crash happened */
    public SimulatedCrash(String message) {
        super(message);
    }
}

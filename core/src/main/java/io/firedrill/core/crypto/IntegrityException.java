package io.firedrill.core.crypto;

/**
 * A sealed object failed its check: it was altered, truncated, or opened with the wrong key or context.
 * Internal to the core; callers translate it into {@link io.firedrill.api.CorruptObjectException} or
 * {@link io.firedrill.api.WrongKeyException} with the name of the object concerned.
 */
public final class IntegrityException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message which check failed */
    public IntegrityException(String message) {
        super(message);
    }
}

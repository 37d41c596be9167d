package io.firedrill.api;

/** A storage operation failed. {@link #retryable()} tells whether trying again may succeed. */
public class StorageException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * @param message what failed, on which object, and why
     * @param hint what to do, or {@code null}
     * @param retryable whether the same call may succeed if repeated
     * @param cause the underlying failure, or {@code null}
     */
    public StorageException(String message, String hint, boolean retryable, Throwable cause) {
        super(ErrorCode.STORAGE_FAILURE, message, hint, cause);
        this.retryable = retryable;
    }

    /** Whether repeating the failed call may succeed (a timeout, a 503), as opposed to a permanent error. */
    public boolean retryable() {
        return retryable;
    }
}

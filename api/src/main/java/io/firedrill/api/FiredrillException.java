package io.firedrill.api;

import java.util.Objects;

/**
 * The root of every exception Firedrill throws. Its message says what failed, on which object, and why;
 * {@link #hint()} says what to do about it. Messages never contain secrets.
 */
public class FiredrillException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    /**
     * @param code the stable error code
     * @param message what failed, on which object, and why
     * @param hint what to do about it, or {@code null} when there is nothing useful to say
     * @param cause the underlying failure, or {@code null}
     */
    public FiredrillException(ErrorCode code, String message, String hint, Throwable cause) {
        super(hint == null ? message : message + "\nhint: " + hint, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint;
    }

    /** Shorthand for an exception without a cause. */
    public FiredrillException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** What to do about the failure, or {@code null}. */
    public String hint() {
        return hint;
    }
}

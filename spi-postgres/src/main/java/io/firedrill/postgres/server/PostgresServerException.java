package io.firedrill.postgres.server;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;

/**
 * A local PostgreSQL server could not be set up, started, stopped or reached. Start failures carry the tail of
 * the server log in their message.
 */
public class PostgresServerException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code {@link ErrorCode#INVALID_CONFIGURATION} for a missing installation, user or permission;
     *     {@link ErrorCode#SOURCE_FAILURE} for a server or program that failed
     * @param message what failed, on which directory or program, and why
     * @param hint what to do, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public PostgresServerException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }

    static PostgresServerException setup(String message, String hint) {
        return new PostgresServerException(ErrorCode.INVALID_CONFIGURATION, message, hint, null);
    }

    static PostgresServerException failure(String message, String hint, Throwable cause) {
        return new PostgresServerException(ErrorCode.SOURCE_FAILURE, message, hint, cause);
    }
}

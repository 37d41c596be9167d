package io.firedrill.mysql.server;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;

/**
 * A local MySQL or MariaDB server could not be set up, started, stopped or reached. Start failures carry the tail
 * of the server log in their message.
 */
public class MysqlServerException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code {@link ErrorCode#INVALID_CONFIGURATION} for a missing installation or directory;
     *     {@link ErrorCode#SOURCE_FAILURE} for a server or program that failed
     * @param message what failed, on which directory or program, and why
     * @param hint what to do, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public MysqlServerException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }

    static MysqlServerException setup(String message, String hint) {
        return new MysqlServerException(ErrorCode.INVALID_CONFIGURATION, message, hint, null);
    }

    static MysqlServerException failure(String message, String hint, Throwable cause) {
        return new MysqlServerException(ErrorCode.SOURCE_FAILURE, message, hint, cause);
    }
}

package io.firedrill.mysql.engine;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.sql.SQLException;

/** Turns JDBC failures of MySQL and MariaDB into Firedrill exceptions that say what to do. */
public final class MysqlFailure {
    private MysqlFailure() {
    }

    /**
     * The exception for a failed step.
     *
     * @param what the step and the object, such as "dumping shop.orders"
     * @param e the JDBC failure
     */
    public static FiredrillException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String hint;
        ErrorCode errorCode = ErrorCode.ENGINE_FAILURE;
        if (code == 1045 || state.equals("28000")) {
            hint = "check the user and password in the connection; the server refused them";
            errorCode = ErrorCode.SOURCE_FAILURE;
        } else if (String.valueOf(e.getMessage()).contains("RSA public key")) {
            hint = "the account uses caching_sha2_password over a connection without TLS: add "
                    + "allowPublicKeyRetrieval=true to the connection, or connect with TLS";
            errorCode = ErrorCode.SOURCE_FAILURE;
        } else if (state.startsWith("08")) {
            hint = "check that the server runs and accepts connections at that host and port";
            errorCode = ErrorCode.SOURCE_FAILURE;
        } else if (code == 1044 || code == 1142 || code == 1227 || code == 1370) {
            hint = "a logical backup needs SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, LOCK TABLES and REPLICATION "
                    + "CLIENT (and SELECT on mysql.* to dump accounts); a restore needs the rights to create what it loads";
        } else if (code == 1148 || code == 3948 || code == 4166) {
            hint = "LOAD DATA LOCAL is disabled on the server: SET GLOBAL local_infile = ON for the restore, "
                    + "or restore into a new server";
        } else {
            hint = "see the server log for details";
        }
        return new FiredrillException(errorCode, "MySQL/MariaDB failed while " + what + ": " + e.getMessage()
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ", error " + code + ")"), hint, e);
    }
}

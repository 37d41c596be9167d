package io.firedrill.postgres;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.sql.SQLException;

/** Turns JDBC failures into Firedrill exceptions that say what to do. */
public final class PostgresFailure {
    private PostgresFailure() {
    }

    /**
     * The exception for a failed step.
     *
     * @param what the step, such as "starting the backup"
     * @param e the JDBC failure
     */
    public static FiredrillException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            hint = "check the user and password in the connection; the server refused them";
        } else if (state.startsWith("08")) {
            hint = "check that the server runs and accepts connections at that host and port";
        } else if (state.equals("42501")) {
            hint = "the role needs superuser, or the pg_read_all_settings role and EXECUTE on pg_backup_start, "
                    + "pg_backup_stop and pg_switch_wal (and REPLICATION to stream WAL)";
        } else if (state.equals("55000")) {
            hint = "the server is not in a state that allows this (for example wal_level=minimal, or another "
                    + "backup in progress on this connection): check wal_level=replica and the server log";
        } else {
            hint = "see the server log for details";
        }
        return new FiredrillException(ErrorCode.ENGINE_FAILURE, "PostgreSQL failed while " + what + ": "
                + e.getMessage() + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), hint, e);
    }
}

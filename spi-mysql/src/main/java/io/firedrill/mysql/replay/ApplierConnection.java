package io.firedrill.mysql.replay;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** One JDBC connection to the server being recovered, speaking its replication dialect. */
final class ApplierConnection implements AutoCloseable {
    /**
     * The applier's state.
     *
     * @param running whether the SQL thread runs
     * @param relayFile the relay log it is in
     * @param relayPosition where in it the last applied transaction ends
     * @param errorNumber {@code Last_SQL_Errno}, 0 when none
     * @param error {@code Last_SQL_Error}
     */
    record Status(boolean running, String relayFile, long relayPosition, int errorNumber, String error) {
    }

    private final Connection connection;
    private final ApplierDialect dialect;

    ApplierConnection(Connection connection, ApplierDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    ApplierDialect dialect() {
        return dialect;
    }

    /** The applier's state, or empty when the server has no replica configuration. */
    Optional<Status> status() {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(dialect.status)) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Status("Yes".equalsIgnoreCase(rows.getString(dialect.sqlRunningColumn)),
                    rows.getString("Relay_Log_File"), rows.getLong("Relay_Log_Pos"), rows.getInt("Last_SQL_Errno"),
                    rows.getString("Last_SQL_Error")));
        } catch (SQLException e) {
            throw failure("reading the applier's status (" + dialect.status + ")", e);
        }
    }

    /** A global variable's value, or empty when the server does not have it. */
    Optional<String> variable(String name) {
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'")) {
            return rows.next() ? Optional.ofNullable(rows.getString(2)) : Optional.empty();
        } catch (SQLException e) {
            throw failure("reading variable " + name, e);
        }
    }

    /** Runs {@code sql}; {@code what} says what it does, for the error. */
    void execute(String sql, String what) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw failure(what + " (" + sql + ")", e);
        }
    }

    static FiredrillException failure(String what, SQLException e) {
        return new FiredrillException(ErrorCode.ENGINE_FAILURE, "binlog replay failed while " + what + ": "
                + e.getMessage(), "the server log says more; the server must be one Firedrill restored, not a "
                + "running replica", e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that fails to close
        }
    }
}

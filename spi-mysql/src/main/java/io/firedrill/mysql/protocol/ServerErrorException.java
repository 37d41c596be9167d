package io.firedrill.mysql.protocol;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;

/**
 * The server answered with an ERR packet. {@link #errorNumber()} is the server's error code (such as 1045 access
 * denied or 1236 a binlog read failure) and {@link #sqlState()} its SQLSTATE; the message names the step that failed
 * and carries a hint for the common causes.
 */
public class ServerErrorException extends FiredrillException {
    private static final long serialVersionUID = 1L;
    /** Access denied for user (wrong user or password). */
    public static final int ACCESS_DENIED = 1045;
    /** The user lacks a privilege the command needs. */
    public static final int SPECIFIC_ACCESS_DENIED = 1227;
    /** The source could not send binlog events (purged file, bad position). */
    public static final int SOURCE_FATAL_READING_BINLOG = 1236;

    private final int errorNumber;
    private final String sqlState;
    private final String serverMessage;

    ServerErrorException(ErrorCode code, String message, String hint, int errorNumber, String sqlState,
            String serverMessage) {
        super(code, message, hint);
        this.errorNumber = errorNumber;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    /**
     * Decodes an ERR packet ({@code 0xff}, {@code u2} code, {@code #} + 5-character SQLSTATE, message).
     *
     * @param step what was being done, such as "authenticating as repl@db1:3306"
     */
    public static ServerErrorException parse(byte[] payload, String step) {
        WireReader r = new WireReader(payload);
        r.skip(1);
        int number = (int) r.uint(2);
        String state = "";
        if (r.remaining() > 0 && payload[3] == '#' && r.remaining() >= 6) {
            r.skip(1);
            state = new String(r.bytes(5), java.nio.charset.StandardCharsets.US_ASCII);
        }
        String text = new String(r.rest(), java.nio.charset.StandardCharsets.UTF_8);
        String hint = switch (number) {
            case ACCESS_DENIED -> "check the user and password; the server refused them";
            case SPECIFIC_ACCESS_DENIED, 1044, 1142, 1143 -> "the user needs the REPLICATION SLAVE and REPLICATION "
                    + "CLIENT privileges: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'user'@'host'";
            case SOURCE_FATAL_READING_BINLOG -> "the server cannot send the binlog asked for; it may have been purged";
            default -> "see the server's error log";
        };
        return new ServerErrorException(ErrorCode.ENGINE_FAILURE, "the server refused " + step + ": error "
                + number + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": " + text, hint, number, state,
                text);
    }

    /** The server's error number. */
    public int errorNumber() {
        return errorNumber;
    }

    /** The SQLSTATE, or {@code ""}. */
    public String sqlState() {
        return sqlState;
    }

    /** The server's own message text. */
    public String serverMessage() {
        return serverMessage;
    }
}

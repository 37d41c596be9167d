package io.firedrill.api;

/** A setting or argument is invalid. The message names the setting and echoes the rejected value. */
public class InvalidConfigurationException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the setting, the rejected value, and why it was rejected
     * @param hint what would be accepted, or {@code null}
     */
    public InvalidConfigurationException(String message, String hint) {
        super(ErrorCode.INVALID_CONFIGURATION, message, hint);
    }
}

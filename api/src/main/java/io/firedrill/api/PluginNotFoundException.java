package io.firedrill.api;

/** The engine or storage plugin an operation needs is not on the classpath, or more than one claims it. */
public class PluginNotFoundException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was looked for, and the providers that were found
     * @param hint the artifact to add, or how to choose between candidates
     */
    public PluginNotFoundException(String message, String hint) {
        super(ErrorCode.PLUGIN_NOT_FOUND, message, hint);
    }
}

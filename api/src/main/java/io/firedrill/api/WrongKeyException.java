package io.firedrill.api;

/** No key of the repository opens with the passphrase or identity given. */
public class WrongKeyException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which repository, and what was tried
     */
    public WrongKeyException(String message) {
        super(ErrorCode.WRONG_KEY, message,
                "check the passphrase or identity; a repository opens only with a key that was added to it");
    }
}

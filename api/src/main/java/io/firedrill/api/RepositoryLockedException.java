package io.firedrill.api;

/** Another process holds a lock that conflicts with the one this operation needs. */
public class RepositoryLockedException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which lock is held, by whom, since when
     */
    public RepositoryLockedException(String message) {
        super(ErrorCode.REPOSITORY_LOCKED, message,
                "wait for the other operation to finish, or raise lockWait(); a lock whose holder died becomes "
                        + "stale after lockExpiry() and is then reclaimed automatically");
    }
}

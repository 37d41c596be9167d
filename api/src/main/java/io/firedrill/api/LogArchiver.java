package io.firedrill.api;

/**
 * A running log archiver: it streams a database's logs into the repository until closed. Engine modules
 * supply it.
 */
public interface LogArchiver extends AutoCloseable {

    /** Whether the archiver is still streaming. */
    boolean running();

    /**
     * Where the archiver stands: the last archived position, the lag behind the server and the last failure.
     * Cheap: it reads what the archiver last observed and never blocks on the database.
     */
    default LogArchiverStatus status() {
        return LogArchiverStatus.unknown(running());
    }

    /** Stops streaming after persisting what was received. */
    @Override
    void close();
}

package io.firedrill.api;

/**
 * A running log archiver: it streams a database's logs into the repository until closed. Engine modules
 * supply it.
 */
public interface LogArchiver extends AutoCloseable {

    /** Whether the archiver is still streaming. */
    boolean running();

    /** Stops streaming after persisting what was received. */
    @Override
    void close();
}

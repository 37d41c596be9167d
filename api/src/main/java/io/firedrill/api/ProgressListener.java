package io.firedrill.api;

import java.time.Duration;

/**
 * Receives progress of long operations and may cancel them. Called from worker threads: implementations
 * must be thread-safe and quick. Every method has an empty default.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * The operation started.
     *
     * @param operation which operation
     * @param totalBytes the bytes it expects to process, or {@code -1} when unknown
     */
    default void started(Operation operation, long totalBytes) {
    }

    /**
     * More bytes were processed. Called at most a few times a second.
     *
     * @param operation which operation
     * @param bytesDone bytes processed so far
     * @param totalBytes the expected total, or {@code -1} when unknown
     */
    default void progressed(Operation operation, long bytesDone, long totalBytes) {
    }

    /**
     * The operation finished successfully.
     *
     * @param operation which operation
     * @param elapsed how long it took
     */
    default void finished(Operation operation, Duration elapsed) {
    }

    /**
     * The operation failed; the same exception is then thrown to the caller. A host application can page
     * on this.
     *
     * @param operation which operation
     * @param failure why
     */
    default void failed(Operation operation, FiredrillException failure) {
    }

    /**
     * Polled between units of work; returning {@code true} stops the operation with an
     * {@link OperationCancelledException}, leaving the repository consistent.
     */
    default boolean isCancelled() {
        return false;
    }
}

package io.firedrill.core.logs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of a streaming log archiver's worker: run a session (connect, stream until the connection fails or the
 * archiver closes), and after a failure try again, waiting between attempts from {@code minBackoff}, doubling up to
 * {@code maxBackoff}, back to the minimum after a session that made progress. {@link #pause} is the interruptible
 * sleep the archiver's other threads use too; {@link #close()} ends every pause at once. Thread-safe.
 */
public final class ReconnectLoop {
    /** One session: returns when the loop closes, or throws when the connection fails. */
    @FunctionalInterface
    public interface Session {
        /** Streams; returns whether anything arrived. */
        boolean run() throws Exception;
    }

    /** What to do with a failed session. */
    @FunctionalInterface
    public interface Failure {
        /** Handles a failure (reports it); returns true when it counts as progress, so the retry comes at once. */
        boolean failed(Exception e);
    }

    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean closing;

    /** Waits at least {@code minBackoff} and at most {@code maxBackoff} between failed attempts. */
    public ReconnectLoop(Duration minBackoff, Duration maxBackoff) {
        this.minBackoff = Objects.requireNonNull(minBackoff, "minBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** Runs sessions until {@link #close()}; a failure while closing is not reported. */
    public void run(Session session, Failure failure) {
        Duration backoff = minBackoff;
        while (!closing) {
            boolean progressed;
            try {
                progressed = session.run();
            } catch (Exception e) {
                progressed = !closing && failure.failed(e);
            }
            if (closing) {
                break;
            }
            backoff = progressed ? minBackoff : backoff;
            pause(backoff);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        }
    }

    /** Sleeps for {@code duration}, or until {@link #close()}; an interrupt closes the loop. */
    public void pause(Duration duration) {
        try {
            stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean closing() {
        return closing;
    }

    /** Ends the loop after the current session and every pause at once. */
    public void close() {
        closing = true;
        stop.countDown();
    }
}

package io.firedrill.core.session;

import io.firedrill.api.Operation;
import io.firedrill.api.OperationCancelledException;
import io.firedrill.api.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes for a listener, reporting at most five times a second, and polls for cancellation. */
public final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;
    private final Operation operation;
    private final ProgressListener listener;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());
    private volatile long total = -1;

    /**
     * @param operation the operation
     * @param listener the receiver
     */
    public Progress(Operation operation, ProgressListener listener) {
        this.operation = operation;
        this.listener = listener;
    }

    /** Sets the expected total. */
    public void total(long bytes) {
        this.total = bytes;
    }

    /** Adds processed bytes. */
    public void add(long bytes) {
        long now = done.addAndGet(bytes);
        long last = lastReport.get();
        long t = System.nanoTime();
        if (t - last >= INTERVAL_NANOS && lastReport.compareAndSet(last, t)) {
            listener.progressed(operation, now, total);
        }
    }

    /** Bytes processed so far. */
    public long done() {
        return done.get();
    }

    /** Throws when the listener asks to cancel. */
    public void checkCancelled() {
        if (listener.isCancelled()) {
            throw new OperationCancelledException(operation);
        }
    }
}

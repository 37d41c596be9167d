package io.firedrill.core.session;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.StorageException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation with the listener contract: {@code started}, then {@code finished} or {@code failed},
 * every failure surfacing as a {@link FiredrillException}.
 */
public final class OperationRun {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRun.class);

    private OperationRun() {
    }

    /** Runs {@code body} as {@code operation}. */
    public static <T> T run(Operation operation, ProgressListener listener, Supplier<T> body) {
        long start = System.nanoTime();
        listener.started(operation, -1);
        try {
            T result = body.get();
            listener.finished(operation, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (StorageException e) {
            // The storage names the object and the call, not the operation: say which operation failed too.
            StorageException named = new StorageException(operation.displayName() + " failed: "
                    + withoutHint(e), e.hint(), e.retryable(), e);
            fail(operation, listener, named);
            throw named;
        } catch (FiredrillException e) {
            fail(operation, listener, e);
            throw e;
        } catch (UncheckedIOException e) {
            FiredrillException wrapped = new FiredrillException(ErrorCode.SOURCE_FAILURE,
                    operation.displayName() + " failed: " + e.getCause().getMessage(),
                    "check that the files are readable and the disk is healthy", e);
            fail(operation, listener, wrapped);
            throw wrapped;
        } catch (RuntimeException e) {
            FiredrillException wrapped = new FiredrillException(ErrorCode.INTERNAL_ERROR,
                    operation.displayName() + " failed unexpectedly: " + e,
                    "this is a bug in Firedrill or in a plugin; please report it with the stack trace", e);
            fail(operation, listener, wrapped);
            throw wrapped;
        }
    }

    private static String withoutHint(FiredrillException e) {
        String message = e.getMessage();
        String suffix = "\nhint: " + e.hint();
        return e.hint() != null && message.endsWith(suffix)
                ? message.substring(0, message.length() - suffix.length()) : message;
    }

    private static void fail(Operation operation, ProgressListener listener, FiredrillException e) {
        LOG.warn("{} [{}]", e.getMessage(), e.code());
        try {
            listener.failed(operation, e);
        } catch (RuntimeException listenerFailure) {
            e.addSuppressed(listenerFailure);
        }
    }
}

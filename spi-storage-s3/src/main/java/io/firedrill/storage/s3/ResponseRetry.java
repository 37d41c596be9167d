package io.firedrill.storage.s3;

import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries a call whose response broke off while the SDK was parsing it. The SDK retries failures of sending a
 * request and of receiving its head, but a connection that breaks inside an XML response body (a listing, the
 * start or completion of a multipart upload) escapes it as an {@link UncheckedIOException}. Such calls are tried
 * again here, as often as {@link S3Settings#maxAttempts()} allows, with the same jittered exponential pauses;
 * what still fails becomes an {@link SdkClientException} for {@link S3Failures}.
 */
final class ResponseRetry {
    private final S3Settings settings;

    ResponseRetry(S3Settings settings) {
        this.settings = settings;
    }

    <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (UncheckedIOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw SdkClientException.create("the response broke off after " + attempt + " attempts: "
                            + e.getCause().getMessage(), e.getCause());
                }
                pause(attempt);
            }
        }
    }

    private void pause(int attempt) {
        long base = settings.retryBaseDelay().toNanos();
        long cap = settings.retryMaxDelay().toNanos();
        long ceiling = attempt >= 30 ? cap : Math.min(cap, base << Math.min(30, attempt - 1));
        long nanos = ThreadLocalRandom.current().nextLong(Math.max(1, ceiling));
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }
}

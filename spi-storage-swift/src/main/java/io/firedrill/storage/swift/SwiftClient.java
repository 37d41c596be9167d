package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one Swift account: adds the cached token (logging in when there is none), logs in again once
 * when the token is refused (401), retries connection failures, timeouts and retryable answers with backoff and
 * jitter, and turns what is left into {@link StorageException}s. Tokens are never logged.
 */
final class SwiftClient {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(408, 422, 429, 498, 500, 502, 503, 504);

    private final HttpClient http;
    private final SwiftAuth auth;
    private final URI storageUrlOverride;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final AtomicLong requests = new AtomicLong();
    private final Object loginLock = new Object();
    private volatile SwiftToken token;

    SwiftClient(HttpClient http, SwiftAuth auth, URI storageUrlOverride, RetryPolicy retry, Duration requestTimeout,
            Duration readTimeout) {
        this.http = http;
        this.auth = auth;
        this.storageUrlOverride = storageUrlOverride;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.readTimeout = readTimeout;
    }

    /** A handler streaming an answer's body, failing a read that waits longer than the read timeout. */
    HttpResponse.BodyHandler<InputStream> streamingBody() {
        return TimedBody.handler(readTimeout);
    }

    /**
     * Sends a request built for the account's storage URL and returns the answer, which may be any status the caller
     * handles (2xx, 404, 409…); retryable statuses come back only once the attempts are used up.
     *
     * @param what the operation and object, for messages, such as {@code "store data/ab/abc"}
     * @param request builds the request (without the token) for the storage URL it is given
     * @param payload the upload's payload reader, whose failures are never retried, or {@code null}
     */
    <T> HttpResponse<T> send(String what, Function<URI, HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler,
            PayloadReader payload) {
        boolean reauthenticated = false;
        String lastProblem = null;
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(retry.delayAfter(attempt - 1), what);
            }
            SwiftToken current;
            try {
                current = token();
            } catch (IOException e) {
                lastProblem = describe(e, auth.authUrl());
                lastFailure = e;
                continue;
            } catch (StorageException e) {
                if (!e.retryable()) {
                    throw e;
                }
                lastProblem = e.getMessage();
                lastFailure = e;
                continue;
            }
            HttpRequest built = request.apply(base(current)).header("X-Auth-Token", current.value())
                    .timeout(requestTimeout).build();
            HttpResponse<T> response;
            try {
                requests.incrementAndGet();
                response = http.send(built, handler);
            } catch (IOException e) {
                StorageException payloadFailure = payload == null ? null : payload.failure(describeStorage());
                if (payloadFailure != null) {
                    throw payloadFailure;
                }
                lastProblem = describe(e, built.uri());
                lastFailure = e;
                LOG.debug("{} in {}: attempt {} failed: {}", what, describeStorage(), attempt, lastProblem);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while trying to " + what + " in " + describeStorage(), null,
                        false, e);
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated) {
                discard(response);
                invalidate(current);
                reauthenticated = true;
                attempt--;
                continue;
            }
            if (RETRYABLE.contains(status) && attempt < retry.maxAttempts()) {
                discard(response);
                lastProblem = "HTTP " + status;
                LOG.debug("{} in {}: attempt {} answered {}", what, describeStorage(), attempt, status);
                continue;
            }
            return response;
        }
        boolean unreachable = lastFailure instanceof ConnectException;
        throw new StorageException("cannot " + what + " in " + describeStorage() + " after " + retry.maxAttempts()
                + " attempts: " + lastProblem, unreachable
                        ? "check that the Swift endpoint is up and reachable from this host (URL, port, firewall, proxy)"
                        : "the Swift service is failing or slow; retry later, or raise the retries and timeouts",
                true, lastFailure);
    }

    /** The token in use, logging in first when there is none. */
    SwiftToken token() throws IOException {
        SwiftToken current = token;
        if (current != null) {
            return current;
        }
        synchronized (loginLock) {
            if (token == null) {
                token = login();
            }
            return token;
        }
    }

    /** Tries in all per request; also how often a broken download is resumed. */
    int maxAttempts() {
        return retry.maxAttempts();
    }

    /** How many HTTP requests were sent to the storage URL (logins not counted). */
    long requestCount() {
        return requests.get();
    }

    /** The account and auth service, for messages; never a token. */
    String describeStorage() {
        SwiftToken current = token;
        return current == null ? "Swift (" + auth + ")" : "Swift account " + AuthChecks.redact(base(current));
    }

    /** Forgets a refused token, unless another thread already replaced it. */
    void invalidate(SwiftToken refused) {
        synchronized (loginLock) {
            if (token == refused) {
                token = null;
            }
        }
    }

    private URI base(SwiftToken current) {
        return storageUrlOverride != null ? storageUrlOverride : current.storageUrl();
    }

    private SwiftToken login() throws IOException {
        try {
            if (auth instanceof TempAuth v1) {
                return v1.login(http, requestTimeout);
            }
            return ((KeystoneAuth) auth).login(http, requestTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while authenticating at " + AuthChecks.redact(auth.authUrl()),
                    null, false, e);
        }
    }

    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped instead of reused
            }
        }
    }

    private static String describe(IOException e, URI target) {
        String where = AuthChecks.redact(target);
        if (e instanceof ConnectException) {
            return "cannot connect to " + where + " (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + where + " in time (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + " talking to " + where
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void pause(Duration delay, String what) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to retry: " + what + " in " + describeStorage(), null,
                    false, e);
        }
    }
}

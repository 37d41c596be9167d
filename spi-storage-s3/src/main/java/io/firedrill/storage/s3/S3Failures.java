package io.firedrill.storage.s3;

import io.firedrill.api.StorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link StorageException}s that say what failed, where, and what to do: wrong
 * credentials, missing permissions, a missing bucket, a wrong region, an unreachable endpoint, throttling.
 */
final class S3Failures {
    private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "InvalidClientTokenId", "TokenRefreshRequired");
    private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException", "Redirect");

    private S3Failures() {
    }

    /**
     * @param action what was being done, such as {@code "store"}
     * @param what the object name or prefix concerned
     * @param settings where the storage is
     */
    static StorageException of(String action, String what, S3Settings settings, SdkException failure) {
        String message = "cannot " + action + " " + what + " in " + settings.describe() + ": " + reason(failure);
        if (failure instanceof AwsServiceException service) {
            return service(message, settings, service);
        }
        return client(message, settings, failure);
    }

    /** A failure of the stream of a download after its response started. */
    static StorageException ofStream(String action, String what, S3Settings settings, IOException failure) {
        return new StorageException("cannot " + action + " " + what + " in " + settings.describe() + ": "
                + failure.getMessage(), "the connection broke while reading; retry the operation", true, failure);
    }

    /** The S3 error code of a service failure, or {@code ""}. */
    static String code(AwsServiceException failure) {
        return failure.awsErrorDetails() == null || failure.awsErrorDetails().errorCode() == null
                ? "" : failure.awsErrorDetails().errorCode();
    }

    private static StorageException service(String message, S3Settings settings, AwsServiceException failure) {
        int status = failure.statusCode();
        String code = code(failure);
        if (status == 403 && code.isEmpty()) {
            return new StorageException(message, "the server refused the request without saying why (a HEAD "
                    + "response has no body): the credentials are wrong, or lack s3:GetObject / s3:ListBucket on "
                    + settings.bucket() + "; check both", false, failure);
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return new StorageException(message, "the server refused the credentials: check the access key id and "
                    + "secret key given to S3StorageBuilder.credentials(...) or found by the SDK's default chain "
                    + "(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, aws.accessKeyId, the profile, the role)", false, failure);
        }
        if (status == 403) {
            return new StorageException(message, "the credentials are valid but lack permission: allow "
                    + "s3:ListBucket on bucket " + settings.bucket() + " and s3:GetObject, s3:PutObject, "
                    + "s3:DeleteObject, s3:AbortMultipartUpload on its keys " + settings.prefix() + "*", false, failure);
        }
        if ("NoSuchBucket".equals(code)) {
            return new StorageException(message, "bucket " + settings.bucket() + " does not exist: create it, or fix "
                    + "the bucket name, the endpoint or the region", false, failure);
        }
        if (WRONG_REGION.contains(code) || status == 301) {
            return new StorageException(message, "the bucket lives in another region: set the region to the "
                    + "bucket's (region(...) or ?region= in the URI)", false, failure);
        }
        if (status == 429 || status >= 500 || failure.isThrottlingException() || "ConditionalRequestConflict".equals(code)
                || "RequestTimeout".equals(code)) {
            return new StorageException(message, "the server was overloaded or failing and still was after "
                    + settings.maxAttempts() + " attempts; retry later, or raise maxAttempts", true, failure);
        }
        return new StorageException(message, null, false, failure);
    }

    private static StorageException client(String message, S3Settings settings, SdkException failure) {
        String endpoint = settings.endpoint().map(Object::toString).orElse("Amazon S3");
        if (failure instanceof ApiCallTimeoutException) {
            return new StorageException(message, "the call took longer than apiCallTimeout ("
                    + settings.apiCallTimeout() + ") with its retries; check the network to " + endpoint
                    + ", or raise apiCallTimeout for slow links", true, failure);
        }
        if (failure instanceof ApiCallAttemptTimeoutException || has(failure, SocketTimeoutException.class)) {
            return new StorageException(message, "the server at " + endpoint + " stopped answering (read timeout "
                    + settings.readTimeout() + "); check that it is running and reachable", true, failure);
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
                || has(failure, UnknownHostException.class)) {
            return new StorageException(message, "cannot connect to " + endpoint + ": check the endpoint, that the "
                    + "server is running, and the network (DNS, firewall, proxy) from this host", true, failure);
        }
        String text = String.valueOf(failure.getMessage());
        if (text.contains("Unable to load credentials")) {
            return new StorageException(message, "no credentials were found: call S3StorageBuilder.credentials(...) "
                    + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile, or a role)", false, failure);
        }
        return new StorageException(message, null, failure.retryable() || has(failure, IOException.class), failure);
    }

    private static String reason(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = code(service);
            String text = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            return "HTTP " + service.statusCode() + (code.isEmpty() ? "" : " " + code)
                    + (text == null || text.isBlank() ? "" : ": " + text);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

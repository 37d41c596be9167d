package io.firedrill.storage.s3;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Uploads objects: one PUT below the multipart threshold, a multipart upload from it on (parts sent one after
 * the other, streamed, aborted on failure). Every request carries the {@code Content-MD5} of its body, computed
 * before sending, so a payload shorter than announced or failing is caught before anything is stored, and a
 * body damaged on the way is refused by the server. Create-if-absent adds {@code If-None-Match: *} to the PUT or
 * to the completion of the multipart upload.
 */
final class ObjectUploads {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectUploads.class);
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client client;
    private final S3Settings settings;
    private final ResponseRetry retry;

    ObjectUploads(S3Client client, S3Settings settings, ResponseRetry retry) {
        this.client = client;
        this.settings = settings;
        this.retry = retry;
    }

    /**
     * Stores an object.
     *
     * @param ifAbsent whether to send {@code If-None-Match: *}
     * @return {@code false} only when {@code ifAbsent} and an object of that name with other content existed
     */
    boolean upload(String name, String key, Payload payload, boolean ifAbsent) {
        long length = payload.length();
        try (PayloadReader reader = new PayloadReader(payload, name + " in " + settings.describe())) {
            if (length < settings.multipartThreshold()) {
                return single(name, key, reader, length, ifAbsent);
            }
            return multipart(name, key, reader, PartPlan.of(length, settings.minimumPartSize()), ifAbsent);
        }
    }

    private boolean single(String name, String key, PayloadReader reader, long length, boolean ifAbsent) {
        byte[] md5 = reader.digestNext(0, length);
        reader.checkEnd();
        try {
            retry.call(() -> client.putObject(r -> r.bucket(settings.bucket()).key(key).contentLength(length)
                            .contentType(CONTENT_TYPE).contentMD5(PayloadReader.base64(md5)).ifNoneMatch(ifAbsent ? "*" : null),
                    RequestBody.fromContentProvider(reader.body(0, length), length, CONTENT_TYPE)));
            return true;
        } catch (AwsServiceException e) {
            if (ifAbsent && e.statusCode() == 412) {
                return landed(key, HexFormat.of().formatHex(md5));
            }
            throw S3Failures.of("store", name, settings, e);
        } catch (SdkException e) {
            throw S3Failures.of("store", name, settings, e);
        }
    }

    /**
     * After a refused create-if-absent, or a completion that finds its upload gone: whether the object there is
     * ours, by its ETag. That happens when an earlier attempt of this very call landed but its response was lost,
     * so the SDK's retry met the result of the first attempt.
     */
    private boolean landed(String key, String expectedEtag) {
        try {
            HeadObjectResponse head = retry.call(() -> client.headObject(r -> r.bucket(settings.bucket()).key(key)));
            String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
            return etag.equalsIgnoreCase(expectedEtag);
        } catch (SdkException e) {
            return false;
        }
    }

    private boolean multipart(String name, String key, PayloadReader reader, PartPlan plan, boolean ifAbsent) {
        String uploadId;
        try {
            uploadId = retry.call(() -> client.createMultipartUpload(r -> r.bucket(settings.bucket()).key(key)
                    .contentType(CONTENT_TYPE))).uploadId();
        } catch (SdkException e) {
            throw S3Failures.of("start a multipart upload of", name, settings, e);
        }
        List<CompletedPart> parts = new ArrayList<>(plan.parts());
        MessageDigest partDigests = PayloadReader.md5();
        try {
            for (int number = 1; number <= plan.parts(); number++) {
                parts.add(uploadPart(name, key, uploadId, reader, plan, number, partDigests));
            }
            reader.checkEnd();
        } catch (SdkException e) {
            abort(name, key, uploadId, e);
            throw S3Failures.of("store", name, settings, e);
        } catch (RuntimeException | Error e) {
            abort(name, key, uploadId, e);
            throw e;
        }
        String expectedEtag = HexFormat.of().formatHex(partDigests.digest()) + "-" + plan.parts();
        return complete(name, key, uploadId, parts, ifAbsent, expectedEtag);
    }

    /**
     * Completes a multipart upload. A completion whose response was lost is retried by the SDK and then finds its
     * upload gone (404 NoSuchUpload) or, conditional, the object present (412): the object's ETag, the MD5 of the
     * parts' MD5s, tells whether it is ours.
     */
    private boolean complete(String name, String key, String uploadId, List<CompletedPart> parts, boolean ifAbsent,
                             String expectedEtag) {
        try {
            retry.call(() -> client.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)).ifNoneMatch(ifAbsent ? "*" : null)));
            return true;
        } catch (AwsServiceException e) {
            boolean gone = "NoSuchUpload".equals(S3Failures.code(e));
            if ((gone || (ifAbsent && e.statusCode() == 412)) && landed(key, expectedEtag)) {
                return true;
            }
            if (gone) {
                throw S3Failures.of("store", name, settings, e);
            }
            abort(name, key, uploadId, e);
            if (ifAbsent && e.statusCode() == 412) {
                return false;
            }
            throw S3Failures.of("store", name, settings, e);
        } catch (SdkException e) {
            abort(name, key, uploadId, e);
            throw S3Failures.of("complete the multipart upload of", name, settings, e);
        }
    }

    private CompletedPart uploadPart(String name, String key, String uploadId, PayloadReader reader, PartPlan plan,
                                     int number, MessageDigest partDigests) {
        long offset = plan.offset(number);
        long length = plan.length(number);
        byte[] md5 = reader.digestNext(offset, length);
        partDigests.update(md5);
        String etag = retry.call(() -> client.uploadPart(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength(length).contentMD5(PayloadReader.base64(md5)),
                RequestBody.fromContentProvider(reader.body(offset, length), length, CONTENT_TYPE))).eTag();
        LOG.trace("uploaded part {}/{} of {} ({} bytes)", number, plan.parts(), name, length);
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private void abort(String name, String key, String uploadId, Throwable failure) {
        try {
            retry.call(() -> client.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId)));
        } catch (SdkException e) {
            failure.addSuppressed(e);
            LOG.warn("could not abort the failed multipart upload of {} in {}; a bucket lifecycle rule that aborts "
                    + "incomplete multipart uploads removes its parts", name, settings.describe());
        }
    }
}

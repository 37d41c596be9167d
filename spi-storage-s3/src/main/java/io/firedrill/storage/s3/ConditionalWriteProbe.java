package io.firedrill.storage.s3;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Finds out whether a server honours {@code If-None-Match: *} on PUT: writes a scratch object under the
 * repository's prefix twice with the header, then deletes it. A server that supports conditional writes refuses
 * the second write with 412; one that ignores the header overwrites; one that rejects the header fails the first
 * write with a 4xx (such as 501 NotImplemented). Either of the latter means no support.
 */
final class ConditionalWriteProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalWriteProbe.class);
    static final String SCRATCH_PREFIX = ".firedrill-probe-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConditionalWriteProbe() {
    }

    /**
     * @return whether create-if-absent through {@code If-None-Match: *} works on this server
     * @throws SdkException when the server fails for another reason (unreachable, credentials)
     */
    static boolean supported(S3Client client, S3Settings settings, ResponseRetry retry) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String key = settings.prefix() + SCRATCH_PREFIX + HexFormat.of().formatHex(id);
        try {
            Outcome first = put(client, settings, key, retry);
            // 412 on the first write means an earlier attempt of it (retried after a lost response) created the
            // scratch object, whose name is random: the server enforces the condition
            boolean supported = first == Outcome.REFUSED
                    || first == Outcome.WRITTEN && put(client, settings, key, retry) == Outcome.REFUSED;
            LOG.debug("{} {} conditional writes", settings.describe(), supported ? "supports" : "does not support");
            return supported;
        } finally {
            retry.call(() -> client.deleteObject(r -> r.bucket(settings.bucket()).key(key)));
        }
    }

    private enum Outcome { WRITTEN, REFUSED, HEADER_REJECTED }

    private static Outcome put(S3Client client, S3Settings settings, String key, ResponseRetry retry) {
        try {
            retry.call(() -> client.putObject(r -> r.bucket(settings.bucket()).key(key).ifNoneMatch("*"),
                    RequestBody.fromBytes(new byte[0])));
            return Outcome.WRITTEN;
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            if (status == 412) {
                return Outcome.REFUSED;
            }
            if (status == 501 || status == 400) {
                return Outcome.HEADER_REJECTED;
            }
            throw e;
        }
    }
}

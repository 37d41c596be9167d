package io.firedrill.storage.s3;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.InputStream;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A storage in an S3 bucket, under a key prefix: object {@code data/ab/abc} of {@code s3://bucket/db1} is key
 * {@code db1/data/ab/abc}. Works with Amazon S3 and S3-compatible servers (endpoint override, path-style access).
 *
 * <p>Uploads stream from the payload with a {@code Content-MD5}, in parts above the multipart threshold
 * ({@link ObjectUploads}); downloads stream and resume after broken connections ({@link ResumingDownload});
 * ranged reads ask only for their bytes. The SDK retries throttling, 5xx responses, timeouts and broken
 * connections with exponential backoff and full jitter; the HTTP pool bounds the requests in flight. Announces
 * {@link StorageFeature#RANGED_READ}, {@link StorageFeature#CONSISTENT_LIST} (S3 lists are strongly consistent)
 * and, when conditional writes are enabled or the probe found them, {@link StorageFeature#CREATE_IF_ABSENT}.
 *
 * <p>Open one with {@link #builder()} or an {@code s3:} URI ({@link S3StorageProvider}). Thread-safe.
 */
public final class S3Storage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);

    private final S3Settings settings;
    private final S3Client client;
    private final ResponseRetry retry;
    private final ObjectUploads uploads;
    private final Set<StorageFeature> features;

    private S3Storage(S3Settings settings, S3Client client, boolean conditionalWrites) {
        this.settings = settings;
        this.client = client;
        this.retry = new ResponseRetry(settings);
        this.uploads = new ObjectUploads(client, settings, retry);
        EnumSet<StorageFeature> supported = EnumSet.of(StorageFeature.RANGED_READ, StorageFeature.CONSISTENT_LIST);
        if (conditionalWrites) {
            supported.add(StorageFeature.CREATE_IF_ABSENT);
        }
        this.features = Collections.unmodifiableSet(supported);
    }

    /** A builder for an S3 storage. */
    public static S3StorageBuilder builder() {
        return new S3StorageBuilder();
    }

    static S3Storage open(S3Settings settings) {
        S3Client client = S3Clients.create(settings);
        try {
            checkBucket(client, settings);
            boolean conditional = switch (settings.conditionalWrites()) {
                case ENABLED -> true;
                case DISABLED -> false;
                case AUTO -> probe(client, settings);
            };
            LOG.debug("opened {} ({}, conditional writes {})", settings.describe(), settings, conditional);
            return new S3Storage(settings, client, conditional);
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private static void checkBucket(S3Client client, S3Settings settings) {
        try {
            new ResponseRetry(settings).call(() -> client.listObjectsV2(r -> r.bucket(settings.bucket())
                    .prefix(settings.prefix()).maxKeys(1)));
        } catch (SdkException e) {
            throw S3Failures.of("open", "the repository", settings, e);
        }
    }

    private static boolean probe(S3Client client, S3Settings settings) {
        try {
            return ConditionalWriteProbe.supported(client, settings, new ResponseRetry(settings));
        } catch (SdkException e) {
            throw S3Failures.of("probe conditional writes with a scratch object", "under the prefix", settings, e);
        }
    }

    @Override
    public Set<StorageFeature> features() {
        return features;
    }

    @Override
    public void put(String name, Payload content) {
        Objects.requireNonNull(content, "content");
        uploads.upload(name, key(name), content, false);
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        Objects.requireNonNull(content, "content");
        if (!features.contains(StorageFeature.CREATE_IF_ABSENT)) {
            throw new UnsupportedOperationException(describe() + " does not support create-if-absent: conditional "
                    + "writes are " + (settings.conditionalWrites() == ConditionalWrites.DISABLED ? "disabled"
                    : "not supported by the server") + "; check features() before calling putIfAbsent");
        }
        return uploads.upload(name, key(name), content, true);
    }

    @Override
    public InputStream get(String name) {
        String key = key(name);
        ResponseInputStream<GetObjectResponse> first = open(name, key, null, null);
        Long announced = first.response().contentLength();
        if (announced == null) {
            first.abort();
            throw new StorageException("cannot read " + name + " in " + describe() + ": the server sent no "
                    + "Content-Length", "the server is not S3-compatible enough; report it", false, null);
        }
        long length = announced;
        return new ResumingDownload(name + " in " + describe(), first, 0, length,
                (from, etag) -> open(name, key, "bytes=" + from + "-" + (length - 1), etag));
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("cannot read " + name + " from " + describe() + ": offset and length "
                    + "must be >= 0, were " + offset + " and " + length);
        }
        String key = key(name);
        if (length == 0) {
            long size = head(name).orElseThrow(() -> new ObjectNotFoundException(name, describe())).size();
            checkRange(name, offset, length, size);
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1;
        ResponseInputStream<GetObjectResponse> first;
        try {
            first = open(name, key, "bytes=" + offset + "-" + last, null);
        } catch (StorageException e) {
            if (e.getCause() instanceof AwsServiceException s && s.statusCode() == 416) {
                throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + name + " in "
                        + describe(), e);
            }
            throw e;
        }
        if (!Long.valueOf(length).equals(first.response().contentLength())) {
            first.abort();
            throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + name + " in "
                    + describe() + " (" + first.response().contentRange() + ")");
        }
        return new ResumingDownload(name + " in " + describe(), first, offset, length,
                (from, etag) -> open(name, key, "bytes=" + from + "-" + last, etag));
    }

    private ResponseInputStream<GetObjectResponse> open(String name, String key, String range, String etag) {
        try {
            return retry.call(() -> client.getObject(r -> r.bucket(settings.bucket()).key(key).range(range).ifMatch(etag)));
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(name, describe());
        } catch (SdkException e) {
            throw S3Failures.of("read", name, settings, e);
        }
    }

    private void checkRange(String name, long offset, long length, long size) {
        if (offset > size || length > size - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + name + " ("
                    + size + " bytes) in " + describe() + "; read within 0.." + size);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        try {
            HeadObjectResponse head = retry.call(() -> client.headObject(r -> r.bucket(settings.bucket()).key(key(name))));
            return Optional.of(new ObjectInfo(name, head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(S3Failures.code(e))) {
                return Optional.empty();
            }
            throw S3Failures.of("inspect", name, settings, e);
        } catch (SdkException e) {
            throw S3Failures.of("inspect", name, settings, e);
        }
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(receiver, "receiver");
        String root = settings.prefix();
        try {
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = retry.call(() -> client.listObjectsV2(r -> r.bucket(settings.bucket())
                        .prefix(root + prefix).continuationToken(continuation)));
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(root.length());
                    if (!name.isEmpty() && !name.endsWith("/") && !name.startsWith(ConditionalWriteProbe.SCRATCH_PREFIX)) {
                        receiver.accept(new ObjectInfo(name, object.size()));
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw S3Failures.of("list objects starting with", "'" + prefix + "'", settings, e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            retry.call(() -> client.deleteObject(r -> r.bucket(settings.bucket()).key(key(name))));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw S3Failures.of("delete", name, settings, e);
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public String toString() {
        return "S3Storage[" + describe() + ", features=" + features + "]";
    }

    @Override
    public void close() {
        client.close();
    }

    private String key(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("/") || name.contains("//")) {
            throw new IllegalArgumentException("object name '" + name + "' is invalid: names are relative, non-empty "
                    + "and have no empty segment");
        }
        return settings.prefix() + name;
    }
}

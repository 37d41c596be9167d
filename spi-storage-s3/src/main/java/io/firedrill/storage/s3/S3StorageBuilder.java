package io.firedrill.storage.s3;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Configures and opens an {@link S3Storage}. One setter per setting, each validated at once; {@link #build()}
 * checks the combination and opens the storage.
 *
 * <pre>{@code
 * Storage storage = S3Storage.builder()
 *         .bucket("backups").prefix("db1")
 *         .endpoint(URI.create("http://127.0.0.1:9000")).pathStyleAccess(true)
 *         .credentials(accessKeyId, secretAccessKey)
 *         .build();
 * }</pre>
 *
 * Not thread-safe; {@link #toString()} never shows credentials.
 */
public final class S3StorageBuilder {
    static final long MIB = 1024L * 1024;
    static final long GIB = 1024L * MIB;

    private String bucket;
    private String prefix = "";
    private String region;
    private URI endpoint;
    private boolean pathStyleAccess;
    private String accessKeyId;
    private String secretAccessKey;
    private ChecksumCalculation checksumCalculation = ChecksumCalculation.WHEN_REQUIRED;
    private ConditionalWrites conditionalWrites = ConditionalWrites.AUTO;
    private int maxConnections = 16;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration apiCallTimeout = Duration.ofMinutes(15);
    private int maxAttempts = 6;
    private Duration retryBaseDelay = Duration.ofMillis(200);
    private Duration retryMaxDelay = Duration.ofSeconds(20);
    private long multipartThreshold = 64 * MIB;
    private long minimumPartSize = 16 * MIB;

    S3StorageBuilder() {
    }

    /** A builder preset from an {@code s3://bucket/prefix?endpoint=...} URI; see {@link S3StorageProvider}. */
    public static S3StorageBuilder fromUri(URI uri) {
        S3StorageBuilder builder = new S3StorageBuilder();
        S3UriSyntax.apply(uri, builder);
        return builder;
    }

    /** The bucket. Required; 3–63 characters of lower-case letters, digits, dots and hyphens. */
    public S3StorageBuilder bucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
            throw new InvalidConfigurationException("S3 bucket name '" + bucket + "' is invalid",
                    "bucket names have 3 to 63 characters: lower-case letters, digits, dots and hyphens, "
                            + "starting and ending with a letter or digit");
        }
        this.bucket = bucket;
        return this;
    }

    /**
     * The key prefix under which the repository's objects live, such as {@code backups/db1}; default none (the
     * bucket's root). Leading and trailing slashes are ignored.
     */
    public S3StorageBuilder prefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String trimmed = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.contains("//") || trimmed.matches("(.*/)?\\.\\.?(/.*)?")) {
            throw new InvalidConfigurationException("S3 key prefix '" + prefix + "' has an empty, '.' or '..' "
                    + "segment", "use a prefix such as backups/db1");
        }
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
        return this;
    }

    /**
     * The region, such as {@code eu-west-1}. Default: the SDK's region chain (the {@code AWS_REGION} variable,
     * the profile), or {@code us-east-1} when an {@link #endpoint(URI) endpoint} is set.
     */
    public S3StorageBuilder region(String region) {
        Objects.requireNonNull(region, "region");
        if (!region.matches("[a-z0-9][a-z0-9\\-]*")) {
            throw new InvalidConfigurationException("S3 region '" + region + "' is invalid",
                    "use a region name such as eu-west-1");
        }
        this.region = region;
        return this;
    }

    /**
     * The endpoint of an S3-compatible server, such as {@code http://127.0.0.1:9000}; default Amazon S3's
     * regional endpoint. Usually combined with {@link #pathStyleAccess(boolean) path-style access}.
     */
    public S3StorageBuilder endpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new InvalidConfigurationException("S3 endpoint '" + endpoint + "' is not an http(s) URL with a host",
                    "use an endpoint such as https://s3.example.com or http://127.0.0.1:9000");
        }
        if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null) {
            throw new InvalidConfigurationException("S3 endpoint '" + redactUserInfo(endpoint) + "' carries user "
                    + "information or a query", "give only scheme, host, port and path; set credentials with credentials(...)");
        }
        this.endpoint = endpoint;
        return this;
    }

    /**
     * Whether to address buckets as {@code https://host/bucket/key} instead of {@code https://bucket.host/key};
     * default {@code false}. Most S3-compatible servers (MinIO, Ceph, S3Proxy) need {@code true}.
     */
    public S3StorageBuilder pathStyleAccess(boolean pathStyleAccess) {
        this.pathStyleAccess = pathStyleAccess;
        return this;
    }

    /**
     * Explicit credentials. Default: the SDK's default chain (system properties, the {@code AWS_ACCESS_KEY_ID} /
     * {@code AWS_SECRET_ACCESS_KEY} variables, profiles, web identity, container and instance roles). Neither
     * value is ever logged or shown by {@link #toString()}.
     */
    public S3StorageBuilder credentials(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new InvalidConfigurationException("S3 credentials have a blank access key id or secret key",
                    "give both values, or leave credentials unset to use the SDK's default chain");
        }
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        return this;
    }

    /** When the SDK sends flexible checksums; default {@link ChecksumCalculation#WHEN_REQUIRED}. */
    public S3StorageBuilder checksumCalculation(ChecksumCalculation checksumCalculation) {
        this.checksumCalculation = Objects.requireNonNull(checksumCalculation, "checksumCalculation");
        return this;
    }

    /** Whether create-if-absent uses {@code If-None-Match: *}; default {@link ConditionalWrites#AUTO}. */
    public S3StorageBuilder conditionalWrites(ConditionalWrites conditionalWrites) {
        this.conditionalWrites = Objects.requireNonNull(conditionalWrites, "conditionalWrites");
        return this;
    }

    /**
     * The most requests in flight at once (the HTTP connection pool's size); default 16, range 1–1024. A call
     * that finds every connection busy waits for one (an open download stream holds its connection until
     * closed).
     */
    public S3StorageBuilder maxConnections(int maxConnections) {
        if (maxConnections < 1 || maxConnections > 1024) {
            throw new InvalidConfigurationException("S3 maxConnections " + maxConnections + " is out of range",
                    "use 1 to 1024");
        }
        this.maxConnections = maxConnections;
        return this;
    }

    /** How long to wait for a TCP connection; default 10 s, range 1 ms–10 min. */
    public S3StorageBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive("connectTimeout", connectTimeout, Duration.ofMinutes(10));
        return this;
    }

    /** How long a connection may stay silent while sending or receiving; default 60 s, range 1 ms–1 h. */
    public S3StorageBuilder readTimeout(Duration readTimeout) {
        this.readTimeout = positive("readTimeout", readTimeout, Duration.ofHours(1));
        return this;
    }

    /**
     * The longest one call may take, all retries included, until its response starts (a download's body is
     * bounded by the read timeout instead); default 15 min, range 1 ms–24 h. Raise it for slow links and large
     * parts.
     */
    public S3StorageBuilder apiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = positive("apiCallTimeout", apiCallTimeout, Duration.ofHours(24));
        return this;
    }

    /**
     * How often a request is tried in all, on throttling, 5xx responses, timeouts and broken connections;
     * default 6, range 1–100. Pauses grow exponentially from the {@link #retryDelays(Duration, Duration) base delay} with full jitter.
     */
    public S3StorageBuilder maxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new InvalidConfigurationException("S3 maxAttempts " + maxAttempts + " is out of range",
                    "use 1 (no retries) to 100");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The first retry pause and the cap of the exponentially growing pauses; default 200 ms and 20 s. */
    public S3StorageBuilder retryDelays(Duration base, Duration max) {
        Duration b = positive("retry base delay", base, Duration.ofMinutes(10));
        Duration m = positive("retry max delay", max, Duration.ofHours(1));
        if (m.compareTo(b) < 0) {
            throw new InvalidConfigurationException("S3 retry max delay " + m + " is shorter than the base delay " + b,
                    "give a max delay at least as long as the base delay");
        }
        this.retryBaseDelay = b;
        this.retryMaxDelay = m;
        return this;
    }

    /**
     * Objects of at least this many bytes are uploaded in parts; default 64 MiB, range 5 MiB–5 GiB (S3's
     * largest single PUT).
     */
    public S3StorageBuilder multipartThreshold(long bytes) {
        this.multipartThreshold = inRange("multipartThreshold", bytes, PartPlan.MIN_PART_SIZE, PartPlan.MAX_PART_SIZE);
        return this;
    }

    /**
     * The smallest part of a multipart upload; default 16 MiB, range 5 MiB–5 GiB. Parts grow beyond it when an
     * object would otherwise need more than 10,000 parts.
     */
    public S3StorageBuilder minimumPartSize(long bytes) {
        this.minimumPartSize = inRange("minimumPartSize", bytes, PartPlan.MIN_PART_SIZE, PartPlan.MAX_PART_SIZE);
        return this;
    }

    /**
     * Opens the storage: checks that the bucket exists and the credentials are accepted, and with
     * {@link ConditionalWrites#AUTO} probes for conditional writes.
     *
     * @throws InvalidConfigurationException when no bucket was given, or no region can be found
     * @throws io.firedrill.api.StorageException when the server cannot be reached, refuses the credentials, or
     *     has no such bucket
     */
    public S3Storage build() {
        return S3Storage.open(settings());
    }

    /**
     * A provider for {@code s3:} URIs that starts from this builder's settings (credentials, timeouts, ...)
     * and applies what each URI says on top; register it with {@code Firedrill.configure().storageProvider(..)}.
     */
    public StorageProvider provider() {
        S3StorageBuilder template = copy();
        return new S3StorageProvider(uri -> {
            S3StorageBuilder builder = template.copy();
            S3UriSyntax.apply(uri, builder);
            return builder;
        });
    }

    S3Settings settings() {
        if (bucket == null) {
            throw new InvalidConfigurationException("no S3 bucket was given", "call bucket(...) or use an s3://bucket/prefix URI");
        }
        return new S3Settings(bucket, prefix, Optional.ofNullable(region), Optional.ofNullable(endpoint),
                pathStyleAccess, Optional.ofNullable(accessKeyId), Optional.ofNullable(secretAccessKey),
                checksumCalculation, conditionalWrites, maxConnections, connectTimeout, readTimeout, apiCallTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, multipartThreshold, minimumPartSize);
    }

    private S3StorageBuilder copy() {
        S3StorageBuilder c = new S3StorageBuilder();
        c.bucket = bucket;
        c.prefix = prefix;
        c.region = region;
        c.endpoint = endpoint;
        c.pathStyleAccess = pathStyleAccess;
        c.accessKeyId = accessKeyId;
        c.secretAccessKey = secretAccessKey;
        c.checksumCalculation = checksumCalculation;
        c.conditionalWrites = conditionalWrites;
        c.maxConnections = maxConnections;
        c.connectTimeout = connectTimeout;
        c.readTimeout = readTimeout;
        c.apiCallTimeout = apiCallTimeout;
        c.maxAttempts = maxAttempts;
        c.retryBaseDelay = retryBaseDelay;
        c.retryMaxDelay = retryMaxDelay;
        c.multipartThreshold = multipartThreshold;
        c.minimumPartSize = minimumPartSize;
        return c;
    }

    private static Duration positive(String setting, Duration value, Duration max) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new InvalidConfigurationException("S3 " + setting + " " + value + " is out of range",
                    "use a duration above zero and at most " + max);
        }
        return value;
    }

    private static long inRange(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException("S3 " + setting + " " + value + " bytes is out of range",
                    "use " + min + " (5 MiB) to " + max + " (5 GiB) bytes");
        }
        return value;
    }

    static String redactUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    @Override
    public String toString() {
        return "S3StorageBuilder[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint="
                + endpoint + ", pathStyleAccess=" + pathStyleAccess + ", credentials="
                + (accessKeyId == null ? "default chain" : "explicit") + "]";
    }
}

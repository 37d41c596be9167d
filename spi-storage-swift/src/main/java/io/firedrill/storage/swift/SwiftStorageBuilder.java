package io.firedrill.storage.swift;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.StorageException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SwiftStorage}. Each setter validates its value at once; {@link #build()} checks the
 * combination, logs in and checks the container, so a wrong credential or a missing container fails here, early.
 */
public final class SwiftStorageBuilder {
    static final long MIB = 1024 * 1024;
    static final long MAX_OBJECT = 5L * 1024 * MIB;

    private SwiftAuth auth;
    private String container;
    private String prefix = "";
    private String segmentContainer;
    private long largeObjectThreshold = 1024 * MIB;
    private long segmentSize = 256 * MIB;
    private URI storageUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private Duration readTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private boolean createContainer;
    private int listingPageSize = 10_000;

    SwiftStorageBuilder() {
    }

    /** How to log in: {@link SwiftAuth#v1} or {@link SwiftAuth#keystone}. Required. */
    public SwiftStorageBuilder auth(SwiftAuth value) {
        this.auth = Objects.requireNonNull(value, "auth");
        return this;
    }

    /** The container holding the repository. Required; 1 to 256 characters, no {@code /}. */
    public SwiftStorageBuilder container(String value) {
        if (value == null || value.isEmpty() || value.length() > 256 || value.contains("/")) {
            throw new InvalidConfigurationException("Swift container '" + value + "' is not a valid container name",
                    "use 1 to 256 characters without '/', such as backups");
        }
        this.container = value;
        return this;
    }

    /**
     * A prefix below which the repository's objects live, such as {@code db1} (stored as {@code db1/...}). Default:
     * none, the container's root. Must not start with {@code /}.
     */
    public SwiftStorageBuilder prefix(String value) {
        Objects.requireNonNull(value, "prefix");
        String trimmed = value;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.startsWith("/") || trimmed.contains("//") || trimmed.indexOf('\0') >= 0) {
            throw new InvalidConfigurationException("Swift prefix '" + value + "' is malformed",
                    "use a relative path such as db1 or backups/db1");
        }
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
        return this;
    }

    /** The container for large objects' segments. Default: the container's name followed by {@code _segments}. */
    public SwiftStorageBuilder segmentContainer(String value) {
        if (value == null || value.isEmpty() || value.length() > 256 || value.contains("/")) {
            throw new InvalidConfigurationException("Swift segment container '" + value + "' is not a valid container "
                    + "name", "use 1 to 256 characters without '/'");
        }
        this.segmentContainer = value;
        return this;
    }

    /**
     * Objects larger than this many bytes are stored as Static Large Objects. Default 1 GiB; 1 MiB to 5 GiB (Swift's
     * default largest single object).
     */
    public SwiftStorageBuilder largeObjectThreshold(long bytes) {
        if (bytes < MIB || bytes > MAX_OBJECT) {
            throw new InvalidConfigurationException("large-object threshold must be 1 MiB to 5 GiB, was " + bytes
                    + " bytes", "use for example 1073741824 (1 GiB)");
        }
        this.largeObjectThreshold = bytes;
        return this;
    }

    /** The size of a large object's segments. Default 256 MiB; 1 MiB (Swift's smallest) to 5 GiB. */
    public SwiftStorageBuilder segmentSize(long bytes) {
        if (bytes < MIB || bytes > MAX_OBJECT) {
            throw new InvalidConfigurationException("segment size must be 1 MiB to 5 GiB, was " + bytes + " bytes",
                    "use for example 268435456 (256 MiB)");
        }
        this.segmentSize = bytes;
        return this;
    }

    /**
     * Sends object requests to this storage URL instead of the one authentication returns, such as
     * {@code http://127.0.0.1:8899/v1/AUTH_test} to go through a local proxy. Default: the URL from authentication.
     */
    public SwiftStorageBuilder storageUrl(URI value) {
        this.storageUrl = AuthChecks.httpUrl(value, "Swift storage URL");
        return this;
    }

    /** How long to wait for a TCP connection. Default 10 s; 1 ms to 10 min. */
    public SwiftStorageBuilder connectTimeout(Duration value) {
        this.connectTimeout = checkTimeout(value, "connect timeout");
        return this;
    }

    /**
     * How long one request may take until its answer's headers arrive (an upload's body included). Default 2 min;
     * 1 ms to 1 h. A request that times out is retried.
     */
    public SwiftStorageBuilder requestTimeout(Duration value) {
        this.requestTimeout = checkTimeout(value, "request timeout");
        return this;
    }

    /**
     * How long a download may wait for its next bytes once the answer's headers have arrived. Default 30 s; 1 ms to
     * 1 h. A stalled download is dropped and resumed from the first missing byte.
     */
    public SwiftStorageBuilder readTimeout(Duration value) {
        this.readTimeout = checkTimeout(value, "read timeout");
        return this;
    }

    /** Retries of failed requests. Default {@link RetryPolicy#DEFAULT}. */
    public SwiftStorageBuilder retryPolicy(RetryPolicy value) {
        this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
        return this;
    }

    /** Whether {@link #build()} creates the container when it does not exist. Default {@code false}: it fails. */
    public SwiftStorageBuilder createContainer(boolean value) {
        this.createContainer = value;
        return this;
    }

    /** How many names one listing request asks for. Default 10,000 (Swift's usual maximum); 1 to 10,000. */
    public SwiftStorageBuilder listingPageSize(int value) {
        if (value < 1 || value > 10_000) {
            throw new InvalidConfigurationException("listing page size must be 1 to 10000, was " + value,
                    "use 10000 unless the cluster's container_listing_limit is lower");
        }
        this.listingPageSize = value;
        return this;
    }

    /**
     * Logs in, checks (or creates) the container and returns the storage.
     *
     * @throws InvalidConfigurationException when auth or container is missing
     * @throws StorageException when Swift cannot be reached, refuses the credentials, or has no such container
     */
    public SwiftStorage build() {
        if (auth == null) {
            throw new InvalidConfigurationException("Swift storage has no authentication settings",
                    "call auth(SwiftAuth.v1(...)) or auth(SwiftAuth.keystone(...)), or set ST_AUTH/ST_USER/ST_KEY");
        }
        if (container == null) {
            throw new InvalidConfigurationException("Swift storage has no container", "call container(\"name\")");
        }
        String segments = segmentContainer != null ? segmentContainer : container + "_segments";
        if (segments.equals(container)) {
            throw new InvalidConfigurationException("the segment container must differ from the container ("
                    + container + ")", "segments in the repository's container would show up in its listings");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        SwiftClient client = new SwiftClient(http, auth, storageUrl, retryPolicy, requestTimeout, readTimeout);
        checkContainer(client);
        return new SwiftStorage(client, container, prefix, segments, largeObjectThreshold, segmentSize,
                listingPageSize);
    }

    private void checkContainer(SwiftClient client) {
        if (Containers.exists(client, container)) {
            return;
        }
        if (!createContainer) {
            throw SwiftFailures.of(404, "check container " + container, container, client.describeStorage());
        }
        Containers.create(client, container);
    }

    private static Duration checkTimeout(Duration value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.toMillis() < 1 || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidConfigurationException(setting + " must be 1 ms to 1 h, was " + value,
                    "use for example Duration.ofSeconds(30)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SwiftStorageBuilder{" + auth + ", container " + container + ", prefix '" + prefix + "'}";
    }
}

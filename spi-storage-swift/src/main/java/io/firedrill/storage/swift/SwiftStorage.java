package io.firedrill.storage.swift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A storage in an OpenStack Swift container, below an optional prefix: {@code swift://container/prefix}. Build one
 * with {@link #builder()} or open it from a URI through {@link SwiftStorageProvider}.
 *
 * <p>Every upload streams with its MD5 as {@code ETag}, so Swift stores it whole and intact or not at all; objects
 * above the large-object threshold become Static Large Objects. Whole-object reads are checked against the ETag as
 * they stream. Ranged reads are real ranged GETs ({@link StorageFeature#RANGED_READ}). Listings page through the
 * container with markers; they are eventually consistent, so this storage announces neither
 * {@link StorageFeature#CONSISTENT_LIST} nor {@link StorageFeature#CREATE_IF_ABSENT} (Swift's
 * {@code If-None-Match: *} lets several concurrent creators win). Requests carry a cached token, log in again on a
 * 401, and are retried with backoff on connection failures, timeouts and 5xx answers.
 */
public final class SwiftStorage implements Storage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME_BYTES = 1024;

    private final SwiftClient client;
    private final String container;
    private final String prefix;
    private final long largeObjectThreshold;
    private final ObjectWriter writer;
    private final LargeObjects largeObjects;
    private final ContainerListing listing;

    SwiftStorage(SwiftClient client, String container, String prefix, String segmentContainer,
            long largeObjectThreshold, long segmentSize, int listingPageSize) {
        this.client = client;
        this.container = container;
        this.prefix = prefix;
        this.largeObjectThreshold = largeObjectThreshold;
        this.writer = new ObjectWriter(client);
        this.largeObjects = new LargeObjects(client, writer, container, segmentContainer, segmentSize);
        this.listing = new ContainerListing(client, container, listingPageSize);
    }

    /** A builder for a Swift storage; see {@link SwiftStorageBuilder} for the settings and their defaults. */
    public static SwiftStorageBuilder builder() {
        return new SwiftStorageBuilder();
    }

    @Override
    public Set<StorageFeature> features() {
        return Set.of(StorageFeature.RANGED_READ);
    }

    @Override
    public void put(String name, Payload content) {
        String object = objectName(name);
        if (content.length() > largeObjectThreshold) {
            largeObjects.put(object, name, content);
            return;
        }
        String md5 = PayloadDigest.segments(content, Long.MAX_VALUE, name, describe()).get(0);
        writer.put(container, object, name, content, 0, content.length(), md5);
    }

    @Override
    public InputStream get(String name) {
        String object = objectName(name);
        HttpResponse<InputStream> response = client.send("read " + name, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, null)).GET(),
                client.streamingBody(), null);
        int status = response.statusCode();
        if (status == 200) {
            boolean large = response.headers().firstValue("X-Static-Large-Object").orElse("").equalsIgnoreCase("true");
            String etag = response.headers().firstValue("ETag").map(ObjectWriter::unquote).orElse(null);
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length < 0) {
                return new CheckedDownload(response.body(), name, -1, large ? null : etag);
            }
            String sameObject = large ? null : etag;
            InputStream body = new ResumingStream(response.body(), name, 0, length, client.maxAttempts(),
                    position -> rangedBody(name, object, position, length - 1, sameObject));
            return new CheckedDownload(body, name, length, sameObject);
        }
        SwiftClient.discard(response);
        throw failure(status, "read " + name, name);
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("cannot read " + name + " from " + describe() + ": offset and length "
                    + "must be >= 0, were " + offset + " and " + length);
        }
        if (length == 0) {
            long size = head(name).orElseThrow(() -> new ObjectNotFoundException(name, describe())).size();
            if (offset > size) {
                throw outside(name, offset, length, size);
            }
            return new ByteArrayInputStream(new byte[0]);
        }
        String object = objectName(name);
        long last = offset + length - 1;
        InputStream first = rangedBody(name, object, offset, last, null);
        return new CheckedDownload(new ResumingStream(first, name, offset, offset + length, client.maxAttempts(),
                position -> rangedBody(name, object, position, last, null)), name, length, null);
    }

    /**
     * The body of a ranged GET of bytes {@code from..to} (inclusive), which must come back whole.
     *
     * @param etag when not {@code null}, the object must still have this ETag (a resumed download of a replaced object
     *     fails instead of mixing two versions)
     */
    private InputStream rangedBody(String name, String object, long from, long to, String etag) {
        String range = "bytes=" + from + "-" + to;
        HttpResponse<InputStream> response = client.send("read " + name, storage -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(ObjectUrls.object(storage, container, object, null))
                    .header("Range", range).GET();
            return etag == null ? request : request.header("If-Match", "\"" + etag + "\"");
        }, client.streamingBody(), null);
        int status = response.statusCode();
        if (status == 206) {
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(to - from + 1);
            if (announced != to - from + 1) {
                SwiftClient.discard(response);
                throw outside(name, from, to - from + 1, -1);
            }
            return response.body();
        }
        SwiftClient.discard(response);
        if (status == 416) {
            throw outside(name, from, to - from + 1, head(name).map(ObjectInfo::size).orElse(-1L));
        }
        if (status == 412) {
            throw new StorageException(name + " in " + describe() + " was replaced while being read", "read it again",
                    true, null);
        }
        if (status == 200) {
            throw new StorageException("Swift ignored the Range header reading " + name + " in " + describe(),
                    "put Swift's proxy directly in front of Firedrill, or a proxy that passes Range", false, null);
        }
        throw failure(status, "read " + name, name);
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        String object = objectName(name);
        HttpResponse<Void> response = client.send("inspect " + name, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, null))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), null);
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status / 100 != 2) {
            throw failure(status, "inspect " + name, name);
        }
        long size = response.headers().firstValueAsLong("Content-Length").orElseThrow(() -> new StorageException(
                "Swift answered HEAD " + name + " in " + describe() + " without Content-Length", null, true, null));
        return Optional.of(new ObjectInfo(name, size));
    }

    @Override
    public void list(String namePrefix, Consumer<ObjectInfo> receiver) {
        if (namePrefix == null) {
            throw new IllegalArgumentException("prefix must not be null; use \"\" to list every object");
        }
        listing.list(prefix + namePrefix, prefix.length(), receiver);
    }

    @Override
    public void delete(String name) {
        String object = objectName(name);
        String what = "delete " + name;
        HttpResponse<String> response = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, "multipart-manifest=delete"))
                .header("Accept", "application/json").DELETE(), HttpResponse.BodyHandlers.ofString(), null);
        int status = response.statusCode();
        if (status == 404 || status == 204) {
            return;
        }
        if (status == 400 || (status == 200 && notLargeObject(response.body()))) {
            deletePlain(object, what);
            return;
        }
        if (status != 200) {
            throw failure(status, what, name);
        }
        requireBulkSuccess(response.body(), what);
    }

    @Override
    public String describe() {
        return "swift://" + container + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    /**
     * How many HTTP requests this storage has sent to the Swift account so far (logins not included): the figure
     * benchmarks divide by the data moved.
     */
    public long requestCount() {
        return client.requestCount();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void deletePlain(String object, String what) {
        HttpResponse<Void> response = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, null)).DELETE(),
                HttpResponse.BodyHandlers.discarding(), null);
        int status = response.statusCode();
        if (status / 100 != 2 && status != 404) {
            throw SwiftFailures.of(status, what, container, client.describeStorage());
        }
    }

    private static boolean notLargeObject(String body) {
        JsonNode errors = parse(body).path("Errors");
        for (JsonNode error : errors) {
            if (error.toString().contains("Not an SLO manifest")) {
                return true;
            }
        }
        return false;
    }

    private void requireBulkSuccess(String body, String what) {
        JsonNode result = parse(body);
        String status = result.path("Response Status").asText("");
        if (status.startsWith("2")) {
            return;
        }
        throw new StorageException("cannot " + what + " from " + describe() + ": Swift answered " + status + " "
                + result.path("Errors"), status.startsWith("5") ? "retry later" : null, status.startsWith("5"), null);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private RuntimeException failure(int status, String what, String name) {
        if (status == 404) {
            return new ObjectNotFoundException(name, describe());
        }
        return SwiftFailures.of(status, what, container, client.describeStorage());
    }

    private IllegalArgumentException outside(String name, long offset, long length, long size) {
        return new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + name
                + (size >= 0 ? " (" + size + " bytes)" : "") + " in " + describe());
    }

    private String objectName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("object name must not be null or empty; use a relative name such as "
                    + "data/ab/abcdef");
        }
        if (name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("object name '" + name.replace("\0", "\\0") + "' is unsafe: it starts "
                    + "with '/' or contains NUL; names are relative to the repository prefix");
        }
        String object = prefix + name;
        if (object.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("object name '" + object + "' is longer than Swift's " + MAX_NAME_BYTES
                    + " bytes; use a shorter repository prefix");
        }
        return object;
    }
}

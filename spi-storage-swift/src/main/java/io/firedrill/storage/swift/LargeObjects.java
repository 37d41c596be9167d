package io.firedrill.storage.swift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static Large Objects: an object above the threshold is uploaded as segments (each with its MD5 as ETag) into the
 * segment container, under {@code <object>/<upload id>/<index>}, then published by a manifest listing each
 * segment's path, ETag and size; Swift checks every segment against it, so the object appears whole or not at all.
 * Deleting with {@code multipart-manifest=delete} removes the manifest and its segments.
 */
final class LargeObjects {
    private static final Logger LOG = LoggerFactory.getLogger(LargeObjects.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwiftClient client;
    private final ObjectWriter writer;
    private final String container;
    private final String segmentContainer;
    private final long segmentSize;
    private volatile boolean segmentContainerReady;

    LargeObjects(SwiftClient client, ObjectWriter writer, String container, String segmentContainer, long segmentSize) {
        this.client = client;
        this.writer = writer;
        this.container = container;
        this.segmentContainer = segmentContainer;
        this.segmentSize = segmentSize;
    }

    void put(String object, String display, Payload payload) {
        ensureSegmentContainer();
        List<String> digests = PayloadDigest.segments(payload, segmentSize, display, client.describeStorage());
        List<String> previous = segmentsOf(object, display);
        String upload = Long.toHexString(System.currentTimeMillis()) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        List<String> written = new ArrayList<>();
        ArrayNode manifest = JSON.createArrayNode();
        StringBuilder etags = new StringBuilder();
        boolean published = false;
        try {
            long length = payload.length();
            for (int i = 0; i < digests.size(); i++) {
                long offset = i * segmentSize;
                long size = Math.min(segmentSize, length - offset);
                String segment = object + "/" + upload + "/" + String.format("%08d", i);
                writer.put(segmentContainer, segment, display + " (segment " + (i + 1) + " of " + digests.size() + ")",
                        payload, offset, size, digests.get(i));
                written.add(segment);
                manifest.addObject().put("path", "/" + segmentContainer + "/" + segment)
                        .put("etag", digests.get(i)).put("size_bytes", size);
                etags.append(digests.get(i));
            }
            publish(object, display, manifest, PayloadDigest.of(etags.toString()));
            published = true;
        } finally {
            deleteSegments(published ? previous : written, display);
        }
    }

    /** The segment names of an existing large object, or nothing when it is absent or not a large object. */
    private List<String> segmentsOf(String object, String display) {
        List<String> names = new ArrayList<>();
        String inspect = "inspect " + display;
        HttpResponse<Void> head = client.send(inspect, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, null)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), null);
        if (head.statusCode() == 404) {
            return names;
        }
        if (head.statusCode() / 100 != 2) {
            throw SwiftFailures.of(head.statusCode(), inspect, container, client.describeStorage());
        }
        if (!head.headers().firstValue("X-Static-Large-Object").orElse("").equalsIgnoreCase("true")) {
            return names;
        }
        String what = "read the manifest of " + display;
        HttpResponse<byte[]> response = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, "multipart-manifest=get&format=raw")).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), null);
        if (response.statusCode() == 404) {
            return names;
        }
        if (response.statusCode() != 200) {
            throw SwiftFailures.of(response.statusCode(), what, container, client.describeStorage());
        }
        try {
            String prefix = "/" + segmentContainer + "/";
            for (JsonNode entry : JSON.readTree(response.body())) {
                String path = entry.path("path").asText();
                if (path.startsWith(prefix)) {
                    names.add(path.substring(prefix.length()));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot parse the manifest of {}; its old segments stay in {}", display, segmentContainer);
        }
        return names;
    }

    private void publish(String object, String display, ArrayNode manifest, String etag) {
        String what = "publish the manifest of " + display;
        byte[] body = manifest.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, "multipart-manifest=put"))
                .header("ETag", etag).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString(), null);
        if (response.statusCode() != 201) {
            StorageException failure = SwiftFailures.of(response.statusCode(), what, container,
                    client.describeStorage());
            throw new StorageException(failure.getMessage() + " " + abbreviate(response.body()), failure.hint(),
                    failure.retryable(), null);
        }
    }

    private void deleteSegments(List<String> segments, String display) {
        for (String segment : segments) {
            try {
                HttpResponse<Void> response = client.send("delete a segment of " + display,
                        storage -> HttpRequest.newBuilder(ObjectUrls.object(storage, segmentContainer, segment, null))
                                .DELETE(), HttpResponse.BodyHandlers.discarding(), null);
                if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
                    LOG.warn("could not delete segment {} of {} (HTTP {}); it stays in {}", segment, display,
                            response.statusCode(), segmentContainer);
                }
            } catch (StorageException e) {
                LOG.warn("could not delete segment {} of {}; it stays in {}: {}", segment, display, segmentContainer,
                        e.getMessage());
            }
        }
    }

    private void ensureSegmentContainer() {
        if (segmentContainerReady) {
            return;
        }
        Containers.create(client, segmentContainer);
        segmentContainerReady = true;
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Uploads one Swift object (a whole small object, or one segment of a large one) from a byte range of a payload,
 * streaming with a known length and sending its MD5 as {@code ETag}, so Swift refuses a damaged upload (422, which
 * is retried) and never stores a partial one.
 */
final class ObjectWriter {
    private final SwiftClient client;

    ObjectWriter(SwiftClient client) {
        this.client = client;
    }

    /**
     * @param container where to store it
     * @param object the full object name in the container
     * @param display the name to show in messages
     * @param md5 the hex MD5 of the range
     */
    void put(String container, String object, String display, Payload payload, long offset, long length, String md5) {
        PayloadReader reader = new PayloadReader(payload, offset, length, display);
        String what = "store " + display;
        HttpResponse<Void> response = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.object(storage, container, object, null))
                .header("ETag", md5).header("Content-Type", "application/octet-stream")
                .PUT(body(reader)), HttpResponse.BodyHandlers.discarding(), reader);
        int status = response.statusCode();
        if (status != 201) {
            throw SwiftFailures.of(status, what, container, client.describeStorage());
        }
        String etag = response.headers().firstValue("ETag").map(ObjectWriter::unquote).orElse(md5);
        if (!etag.equalsIgnoreCase(md5)) {
            throw new StorageException("Swift stored " + display + " with ETag " + etag + " although its MD5 is "
                    + md5, "the Swift proxy or something between it and Firedrill alters uploads; check it", false,
                    null);
        }
    }

    private static HttpRequest.BodyPublisher body(PayloadReader reader) {
        if (reader.length() == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(reader::open),
                reader.length());
    }

    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}

package io.firedrill.storage.swift;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a container page by page ({@code format=json}, {@code prefix}, {@code marker}, {@code limit}), parsing each
 * page as a stream, so memory stays bounded whatever the container holds. Listings are eventually consistent: they
 * may miss recent writes and show recent deletes for a while.
 */
final class ContainerListing {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerListing.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwiftClient client;
    private final String container;
    private final int pageSize;

    ContainerListing(SwiftClient client, String container, int pageSize) {
        this.client = client;
        this.container = container;
        this.pageSize = pageSize;
    }

    /**
     * Reports every object whose full name starts with {@code fullPrefix}, under its name with the first
     * {@code strip} characters removed. A page whose body breaks off is asked for again from the last name already
     * reported (Swift's {@code marker} is exclusive), so no object is reported twice; a page may break off as many
     * times in a row as a request is tried.
     */
    void list(String fullPrefix, int strip, Consumer<ObjectInfo> receiver) {
        Cursor cursor = new Cursor();
        int broken = 0;
        while (true) {
            String query = "format=json&limit=" + pageSize + "&prefix=" + ObjectUrls.encode(fullPrefix, false)
                    + (cursor.last == null ? "" : "&marker=" + ObjectUrls.encode(cursor.last, false));
            HttpResponse<InputStream> response = client.send("list objects starting with '" + fullPrefix + "'",
                    storage -> HttpRequest.newBuilder(ObjectUrls.container(storage, container, query))
                            .header("Accept", "application/json").GET(),
                    client.streamingBody(), null);
            int status = response.statusCode();
            if (status == 204) {
                SwiftClient.discard(response);
                return;
            }
            if (status != 200) {
                SwiftClient.discard(response);
                throw SwiftFailures.of(status, "list objects starting with '" + fullPrefix + "'", container,
                        client.describeStorage());
            }
            int count;
            try {
                count = parse(response.body(), strip, receiver, cursor);
            } catch (IOException e) {
                if (++broken >= client.maxAttempts()) {
                    throw new StorageException("cannot read the listing of container " + container + " in "
                            + client.describeStorage() + " after " + broken + " broken pages in a row: "
                            + e.getMessage(), "retry; if it persists, check the Swift proxy", true, e);
                }
                LOG.debug("listing of container {} broke off after '{}', asking again: {}", container, cursor.last,
                        e.getMessage());
                continue;
            }
            broken = 0;
            if (count < pageSize || cursor.last == null) {
                return;
            }
        }
    }

    /** The last name read from a listing, reported or not: where the next page starts. */
    private static final class Cursor {
        private String last;
    }

    /** @return how many entries the page held */
    private int parse(InputStream body, int strip, Consumer<ObjectInfo> receiver, Cursor cursor) throws IOException {
        int count = 0;
        try (InputStream in = body; JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the listing is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                long bytes = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.getCurrentName();
                    parser.nextToken();
                    if (field.equals("name")) {
                        name = parser.getText();
                    } else if (field.equals("bytes")) {
                        bytes = parser.getLongValue();
                    } else {
                        parser.skipChildren();
                    }
                }
                count++;
                if (name != null) {
                    cursor.last = name;
                    if (bytes >= 0 && name.length() > strip) {
                        receiver.accept(new ObjectInfo(name.substring(strip), bytes));
                    }
                }
            }
        }
        return count;
    }
}

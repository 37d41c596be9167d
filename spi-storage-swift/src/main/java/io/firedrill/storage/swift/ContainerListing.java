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

/**
 * Lists a container page by page ({@code format=json}, {@code prefix}, {@code marker}, {@code limit}), parsing each
 * page as a stream, so memory stays bounded whatever the container holds. Listings are eventually consistent: they
 * may miss recent writes and show recent deletes for a while.
 */
final class ContainerListing {
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
     * {@code strip} characters removed.
     */
    void list(String fullPrefix, int strip, Consumer<ObjectInfo> receiver) {
        String marker = null;
        while (true) {
            String query = "format=json&limit=" + pageSize + "&prefix=" + ObjectUrls.encode(fullPrefix, false)
                    + (marker == null ? "" : "&marker=" + ObjectUrls.encode(marker, false));
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
            Page page = parse(response.body(), strip, receiver);
            if (page.count() < pageSize || page.last() == null) {
                return;
            }
            marker = page.last();
        }
    }

    private record Page(int count, String last) {
    }

    private Page parse(InputStream body, int strip, Consumer<ObjectInfo> receiver) {
        int count = 0;
        String last = null;
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
                if (name != null && bytes >= 0 && name.length() > strip) {
                    last = name;
                    receiver.accept(new ObjectInfo(name.substring(strip), bytes));
                } else if (name != null) {
                    last = name;
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot read the listing of container " + container + " in "
                    + client.describeStorage() + ": " + e.getMessage(), "retry; if it persists, check the Swift proxy",
                    true, e);
        }
        return new Page(count, last);
    }
}

package io.firedrill.storage.swift;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Checking and creating containers. */
final class Containers {
    private Containers() {
    }

    /** Whether the container exists; other failures than 404 are errors. */
    static boolean exists(SwiftClient client, String container) {
        String what = "check container " + container;
        HttpResponse<Void> head = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.container(storage, container, null)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), null);
        int status = head.statusCode();
        if (status / 100 == 2) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw SwiftFailures.of(status, what, container, client.describeStorage());
    }

    /** Creates the container; creating one that exists succeeds. */
    static void create(SwiftClient client, String container) {
        String what = "create container " + container;
        HttpResponse<Void> created = client.send(what, storage -> HttpRequest.newBuilder(
                ObjectUrls.container(storage, container, null)).PUT(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), null);
        if (created.statusCode() / 100 != 2) {
            throw SwiftFailures.of(created.statusCode(), what, container, client.describeStorage());
        }
    }
}

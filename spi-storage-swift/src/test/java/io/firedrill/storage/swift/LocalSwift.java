package io.firedrill.storage.swift;

import io.firedrill.storage.swift.server.SwiftServer;
import java.util.concurrent.atomic.AtomicInteger;

/** Storages in the JVM's shared local Swift, each in a container of its own. */
final class LocalSwift {
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private LocalSwift() {
    }

    static SwiftServer server() {
        return SwiftServer.shared();
    }

    /** A container name no other test uses. */
    static String freshContainer(String label) {
        return label + "-" + CONTAINERS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    /** Auth v1 as the admin user of the local Swift. */
    static SwiftAuth auth() {
        return SwiftAuth.v1(server().authUrl(), server().user(), server().key().toCharArray());
    }

    /** A builder for a new container (created by build()) under prefix {@code repo}. */
    static SwiftStorageBuilder builder(String label) {
        return SwiftStorage.builder().auth(auth()).container(freshContainer(label)).prefix("repo")
                .createContainer(true);
    }
}

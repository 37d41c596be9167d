package io.firedrill.storage.swift.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The loopback ports of one local Swift.
 *
 * @param proxy the proxy server (the only one clients talk to)
 * @param account the account server
 * @param container the container server
 * @param object the object server
 * @param memcached the token cache
 */
record SwiftPorts(int proxy, int account, int container, int object, int memcached) {

    /** Five ports free on 127.0.0.1 right now. */
    static SwiftPorts free() {
        // All five sockets stay open until each has its port, so the five are distinct.
        try (ServerSocket a = open(); ServerSocket b = open(); ServerSocket c = open(); ServerSocket d = open();
                ServerSocket e = open()) {
            return new SwiftPorts(a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), d.getLocalPort(),
                    e.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    private static ServerSocket open() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}

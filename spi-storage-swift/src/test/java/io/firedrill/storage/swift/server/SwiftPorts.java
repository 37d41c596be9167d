package io.firedrill.storage.swift.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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
        int[] ports = loopback(5);
        return new SwiftPorts(ports[0], ports[1], ports[2], ports[3], ports[4]);
    }

    /** {@code count} distinct ports free on 127.0.0.1 right now (all sockets stay open until each has its port). */
    static int[] loopback(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }
}

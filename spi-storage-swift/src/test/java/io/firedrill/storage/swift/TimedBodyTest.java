package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bodies read through the JDK client over a real socket: a whole body arrives intact, and a server that stops
 * sending after the headers and a few bytes makes the read fail after the read timeout instead of hanging.
 */
class TimedBodyTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void wholeBodyArrivesIntact() throws Exception {
        byte[] body = new byte[300_000];
        Arrays.fill(body, (byte) 7);
        body[299_999] = 9;
        try (OneShotServer server = new OneShotServer(body, body.length, false)) {
            HttpResponse<InputStream> response = client.send(server.request(), TimedBody.handler(Duration.ofSeconds(5)));
            try (InputStream in = response.body()) {
                assertArrayEquals(body, in.readAllBytes());
            }
        }
    }

    @Test
    void stalledBodyTimesOut() throws Exception {
        byte[] start = "0123456789".getBytes(StandardCharsets.US_ASCII);
        try (OneShotServer server = new OneShotServer(start, 1000, true)) {
            HttpResponse<InputStream> response = client.send(server.request(),
                    TimedBody.handler(Duration.ofMillis(300)));
            InputStream in = response.body();
            assertArrayEquals(start, in.readNBytes(10));
            long t0 = System.nanoTime();

            HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> in.read(new byte[10]));

            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 250 && waited < 5000, "waited " + waited + " ms");
            assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
            assertThrows(IOException.class, () -> in.read(new byte[1]), "a timed-out body stays closed");
        }
    }

    /** Answers one request with {@code length} announced and {@code sent} sent, then stalls if asked to. */
    private static final class OneShotServer implements AutoCloseable {
        private final ServerSocket socket;
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        OneShotServer(byte[] sent, int length, boolean stall) throws IOException {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    byte[] request = new byte[8192];
                    int n = in.read(request);
                    assertTrue(n > 0);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(sent);
                    out.flush();
                    if (stall) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                } catch (IOException | InterruptedException e) {
                    // the test has ended
                }
            }, "one-shot-http");
            thread.setDaemon(true);
            thread.start();
        }

        HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/o")).build();
        }

        @Override
        public void close() throws IOException {
            release.countDown();
            socket.close();
        }
    }
}

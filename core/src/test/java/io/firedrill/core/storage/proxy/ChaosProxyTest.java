package io.firedrill.core.storage.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chaos proxy relays faithfully when calm, and injects each kind of fault, against a real HTTP server. */
class ChaosProxyTest {
    private static final byte[] BODY = new byte[300_000];

    static {
        new Random(7).nextBytes(BODY);
    }

    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                byte[] received = in.readAllBytes();
                String marker = exchange.getRequestHeaders().getFirst("X-Marker");
                exchange.getResponseHeaders().add("X-Saw-Marker", String.valueOf(marker != null));
                byte[] reply = exchange.getRequestMethod().equals("PUT") ? received : BODY;
                boolean chunked = exchange.getRequestURI().getPath().contains("chunked");
                exchange.sendResponseHeaders(200, chunked ? 0 : reply.length);
                out.write(reply);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI upstream() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void calmProxyRelaysBodiesBothWaysOverOneConnection() throws Exception {
        try (ChaosProxy proxy = ChaosProxy.start(upstream(), ChaosPlan.calm(1))) {
            for (String path : new String[] {"/fixed", "/chunked", "/fixed"}) {
                HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(proxy.uri().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, get.statusCode());
                assertArrayEquals(BODY, get.body(), path);
            }
            byte[] upload = new byte[123_457];
            new Random(3).nextBytes(upload);
            HttpResponse<byte[]> put = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/up"))
                    .header("X-Marker", "1").PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(upload, put.body());
            assertEquals("true", put.headers().firstValue("X-Saw-Marker").orElseThrow());
            assertEquals(4, proxy.requests());
        }
    }

    @Test
    void errorsAreAnsweredByTheProxy() throws Exception {
        try (ChaosProxy proxy = ChaosProxy.start(upstream(), ChaosPlan.calm(2).withErrors(1))) {
            for (int i = 0; i < 6; i++) {
                int status = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/x")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                assertTrue(status == 500 || status == 503, "status " + status);
            }
            assertEquals(6, proxy.injected(ChaosProxy.Fault.ERROR));
        }
    }

    @Test
    void droppedAndTruncatedExchangesFailAtTheClient() {
        try (ChaosProxy proxy = ChaosProxy.start(upstream(), ChaosPlan.calm(3).withDrops(1))) {
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(proxy.uri().resolve("/x")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        try (ChaosProxy proxy = ChaosProxy.start(upstream(), ChaosPlan.calm(4).withTruncations(1))) {
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(proxy.uri().resolve("/x")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            assertEquals(1, proxy.injected(ChaosProxy.Fault.TRUNCATE));
        }
    }

    @Test
    void delaysHoldResponsesBackAndHiddenHeadersAreNotRelayed() throws Exception {
        ChaosPlan plan = ChaosPlan.calm(5).withDelays(1, Duration.ofMillis(300)).withoutRequestHeader("X-Marker");
        try (ChaosProxy proxy = ChaosProxy.start(upstream(), plan)) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/x"))
                    .header("X-Marker", "1").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
            assertArrayEquals(BODY, response.body());
            assertEquals("false", response.headers().firstValue("X-Saw-Marker").orElseThrow());
        }
    }
}

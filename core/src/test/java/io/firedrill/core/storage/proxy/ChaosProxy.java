package io.firedrill.core.storage.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on a loopback port that sits between a storage client and its server and misbehaves as a
 * {@link ChaosPlan} says: drops connections, answers 500/503, cuts responses off, delays them, hides request
 * headers. Any HTTP storage's tests can use it (S3, Swift): point the client's endpoint at {@link #uri()}.
 *
 * <p>Requests are relayed one at a time per client connection over a server connection of its own, with
 * fixed-length and chunked bodies. {@code Expect: 100-continue} is answered by the proxy itself and not relayed
 * (signing schemes leave that header out). Faults are drawn per request from the plan's seed, so the same
 * sequence of requests meets the same faults; with concurrent connections the order of draws varies.
 */
public final class ChaosProxy implements AutoCloseable {
    /** The faults a request can meet. */
    public enum Fault { DROP, ERROR, TRUNCATE, DELAY }

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicLong requests = new AtomicLong();
    private volatile ChaosPlan plan;
    private volatile Random random;

    private ChaosProxy(String upstreamHost, int upstreamPort, ChaosPlan plan) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-proxy-" + listener.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
        plan(plan);
    }

    /**
     * Starts a proxy in front of {@code upstream} (an {@code http://host:port} URI).
     *
     * @throws UncheckedIOException when no port can be opened
     */
    public static ChaosProxy start(URI upstream, ChaosPlan plan) {
        try {
            ChaosProxy proxy = new ChaosProxy(upstream.getHost(), upstream.getPort(), plan);
            proxy.workers.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port for the chaos proxy", e);
        }
    }

    /** Replaces the plan, restarting its random sequence; for a calm set-up followed by a stormy run. */
    public void plan(ChaosPlan plan) {
        this.random = new Random(new SplittableRandom(plan.seed()).nextLong());
        this.plan = plan;
    }

    /** Where clients connect: {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many requests met {@code fault}. */
    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    /** How many request heads the proxy has read. */
    public long requests() {
        return requests.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                workers.execute(() -> serve(client));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream clientIn = new BufferedInputStream(client.getInputStream());
            OutputStream clientOut = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                HttpHead request = HttpHead.read(clientIn);
                if (request == null) {
                    return;
                }
                requests.incrementAndGet();
                ChaosPlan current = plan;
                Fault fault = draw(current);
                if (fault == Fault.DROP) {
                    return;
                }
                if (fault == Fault.ERROR) {
                    answerError(clientOut);
                    return;
                }
                if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
                    clientOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    clientOut.flush();
                }
                if (upstream == null) {
                    upstream = connectUpstream();
                }
                if (!relay(request, fault, current, clientIn, clientOut, upstream)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken connection ends this client's session; the client sees it and retries
        } finally {
            open.remove(client);
            closeQuietly(upstream);
        }
    }

    /** @return whether the connection may carry another request */
    private boolean relay(HttpHead request, Fault fault, ChaosPlan current, InputStream clientIn,
                          OutputStream clientOut, Socket upstream) throws IOException {
        InputStream upIn = upstream.getInputStream();
        OutputStream upOut = upstream.getOutputStream();
        request.write(upOut, name -> name.equals("expect") || current.droppedRequestHeaders().contains(name));
        request.copyBody(clientIn, upOut, false, Long.MAX_VALUE);
        upOut.flush();
        HttpHead response;
        do {
            response = HttpHead.read(upIn);
            if (response == null) {
                return false;
            }
        } while (response.status() == 100);
        if (fault == Fault.DELAY) {
            sleep(current.delay().toMillis());
        }
        response.write(clientOut, name -> false);
        boolean bodiless = request.method().equals("HEAD") || response.status() == 204 || response.status() == 304;
        if (fault == Fault.TRUNCATE) {
            if (!bodiless) {
                response.copyBody(upIn, clientOut, true, Math.max(0, response.contentLength() / 2));
            }
            clientOut.flush();
            return false;
        }
        boolean complete = bodiless || response.copyBody(upIn, clientOut, true, Long.MAX_VALUE);
        clientOut.flush();
        boolean delimited = bodiless || response.chunked() || response.contentLength() >= 0;
        return complete && delimited && !response.closesConnection() && !request.closesConnection();
    }

    private Fault draw(ChaosPlan current) {
        double x;
        synchronized (this) {
            x = random.nextDouble();
        }
        Fault fault = x < current.dropRate() ? Fault.DROP
                : (x -= current.dropRate()) < current.errorRate() ? Fault.ERROR
                : (x -= current.errorRate()) < current.truncateRate() ? Fault.TRUNCATE
                : x - current.truncateRate() < current.delayRate() ? Fault.DELAY : null;
        if (fault != null) {
            injected.get(fault).incrementAndGet();
        }
        return fault;
    }

    private void answerError(OutputStream out) throws IOException {
        boolean unavailable;
        synchronized (this) {
            unavailable = random.nextBoolean();
        }
        String status = unavailable ? "503 Service Unavailable" : "500 Internal Server Error";
        byte[] body = ("injected fault: " + status + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Socket connectUpstream() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(upstreamHost, upstreamPort), 10_000);
        open.add(socket);
        return socket;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(Socket socket) {
        if (socket != null) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was asked
            }
        }
    }

    /** Stops accepting, closes every connection, stops the worker threads. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (SocketException ignored) {
            // already closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.firedrill.storage.swift.server;

import io.firedrill.core.process.ExternalCommand;
import io.firedrill.core.process.ShutdownSafetyNet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away OpenStack Swift on 127.0.0.1, from Debian's packages: the proxy, account, container and object
 * servers as a single-node ring with tempauth, memcached as the token cache, on free ports, with everything in a
 * directory under {@code java.io.tmpdir/firedrill-swift}. {@link #shared()} starts one per JVM and stops it when the
 * JVM exits; {@link #close()} stops the processes by their PIDs.
 *
 * <p>Missing packages make {@link #start()} fail with the {@code apt-get} command to run. Servers left by a JVM
 * that was killed before it could stop them are stopped by the next start (see {@link LeftoverServers}).
 */
public final class SwiftServer implements AutoCloseable {
    /** The Debian packages a local Swift needs. */
    public static final String PACKAGES = "swift swift-proxy swift-account swift-container swift-object memcached";
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path MEMCACHED = Path.of("/usr/bin/memcached");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] SERVERS = {"account", "container", "object", "proxy"};
    private static SwiftServer shared;

    private final Path dir;
    private final SwiftPorts ports;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private KeystoneEndpoint keystone;

    private SwiftServer(Path dir, SwiftPorts ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /** The Swift of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized SwiftServer shared() {
        if (shared == null) {
            shared = start();
            ShutdownSafetyNet.register(shared);
        }
        return shared;
    }

    /** Starts a new Swift in a fresh directory; the caller closes it. */
    public static SwiftServer start() {
        requireInstalled();
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "firedrill-swift");
        try {
            Files.createDirectories(base);
            LeftoverServers.stopAll(base);
            Path dir = Files.createDirectory(base.resolve("run-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)));
            LeftoverServers.claim(dir);
            SwiftServer server = new SwiftServer(dir, SwiftPorts.free());
            try {
                server.launch();
                return server;
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local Swift under " + base + ": " + e.getMessage(), e);
        }
    }

    /** The tempauth (v1) authentication URL. */
    public URI authUrl() {
        return URI.create("http://127.0.0.1:" + ports.proxy() + "/auth/v1.0");
    }

    /** The storage URL of the test account, as tempauth hands it out. */
    public URI storageUrl() {
        return URI.create("http://127.0.0.1:" + ports.proxy() + "/v1/AUTH_test");
    }

    /** The proxy's port. */
    public int proxyPort() {
        return ports.proxy();
    }

    /** The tempauth user with the admin role on account {@code test}. */
    public String user() {
        return SwiftServerFiles.USER;
    }

    /** That user's key. */
    public String key() {
        return SwiftServerFiles.KEY;
    }

    /** A user of account {@code test} without the admin role: it may not create containers. */
    public String readerUser() {
        return SwiftServerFiles.READER;
    }

    /** That user's key. */
    public String readerKey() {
        return SwiftServerFiles.READER_KEY;
    }

    /**
     * A Keystone v3 and a second Swift proxy over the same storage that trusts its tokens, started on first call
     * (about 20 s: Keystone's database is created and bootstrapped). Needs Debian's python3-keystone and python3-keystonemiddleware.
     */
    public synchronized KeystoneEndpoint keystone() {
        if (keystone == null) {
            int[] free = SwiftPorts.loopback(2);
            try {
                keystone = LocalKeystone.start(this, dir, free[0], free[1], ports.memcached());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a local Keystone in " + dir + ": " + e.getMessage(), e);
            }
        }
        return keystone;
    }

    /** The directory holding configuration, logs and data. */
    public Path directory() {
        return dir;
    }

    /**
     * Forgets every token tempauth handed out (it keeps them only in memcached), as a token expiry or a
     * revocation would: the next request with an old token gets 401.
     */
    public void invalidateTokens() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.memcached())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("flush_all\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[16];
            int n = socket.getInputStream().read(reply);
            String answer = n <= 0 ? "" : new String(reply, 0, n, StandardCharsets.US_ASCII).strip();
            if (!answer.equals("OK")) {
                throw new IllegalStateException("memcached answered '" + answer + "' to flush_all");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach memcached on port " + ports.memcached(), e);
        }
    }

    /**
     * Stops every server by its PID: SIGTERM, then SIGKILL after 10 s; then deletes the directory, unless the system
     * property {@code firedrill.swift.keep} is {@code true} (to read the servers' logs after a failure).
     */
    @Override
    public synchronized void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            stop(processes.get(name));
        }
        processes.clear();
        ShutdownSafetyNet.unregister(this);
        if (!Boolean.getBoolean("firedrill.swift.keep")) {
            LeftoverServers.delete(dir);
        }
    }

    @Override
    public String toString() {
        return "local Swift on 127.0.0.1:" + ports.proxy() + " in " + dir;
    }

    private static void requireInstalled() {
        String hint = "install Debian's Swift: apt-get install -y --no-install-recommends " + PACKAGES;
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("cannot start a local Swift: " + PYTHON + " is missing; " + hint);
        }
        if (!Files.isExecutable(MEMCACHED)) {
            throw new IllegalStateException("cannot start a local Swift: " + MEMCACHED + " (tempauth's token "
                    + "cache) is missing; " + hint);
        }
    }

    private void launch() throws IOException {
        Path devices = dir.resolve("srv");
        SwiftServerFiles.write(dir, devices, ports);
        ExternalCommand.Result prepared = ExternalCommand.run(List.of(PYTHON.toString(),
                dir.resolve("lib/prepare.py").toString(), dir.toString(), devices.toString(),
                String.valueOf(ports.account()), String.valueOf(ports.container()), String.valueOf(ports.object())),
                Duration.ofSeconds(60), SwiftServer::pythonVariable);
        if (!prepared.succeeded()) {
            throw new IllegalStateException("cannot prepare a local Swift in " + dir + ": " + prepared.output()
                    + "\nhint: apt-get install -y --no-install-recommends " + PACKAGES);
        }
        List<String> memcached = new ArrayList<>(List.of(MEMCACHED.toString(), "-l", "127.0.0.1", "-p",
                String.valueOf(ports.memcached()), "-U", "0", "-m", "64",
                // the PID file is never used (no -d), but puts the run directory on the command line for clean-up
                "-P", dir.resolve("run/memcached.pidfile").toString()));
        if (System.getProperty("user.name").equals("root")) {
            memcached.addAll(List.of("-u", "root"));
        }
        spawn("memcached", memcached);
        for (String server : SERVERS) {
            spawn(server, List.of(PYTHON.toString(), dir.resolve("lib/launch.py").toString(),
                    dir.resolve("etc/swift.conf").toString(), server + "-server",
                    dir.resolve("etc/" + server + "-server.conf").toString()));
        }
        awaitReady();
    }

    /** Starts a server program of this Swift, with its output in {@code log/NAME.log} and its PID recorded. */
    synchronized void spawn(String name, List<String> command) throws IOException {
        ProcessBuilder builder = ExternalCommand.builder(command, SwiftServer::pythonVariable);
        builder.environment().put("PYTHONNOUSERSITE", "1");
        builder.environment().put("PYTHONPATH", dir.resolve("lib").toString());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("log/" + name + ".log").toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        processes.put(name, process);
        LeftoverServers.record(dir, name, process.pid());
    }

    private static boolean pythonVariable(String name) {
        return name.startsWith("PYTHON") || name.startsWith("VIRTUAL_ENV");
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int[] healthPorts = {ports.account(), ports.container(), ports.object(), ports.proxy()};
        String lastProblem = "not checked yet";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Process> entry : processes.entrySet()) {
                if (!entry.getValue().isAlive()) {
                    throw new IllegalStateException("the local Swift's " + entry.getKey() + " exited with "
                            + entry.getValue().exitValue() + " while starting" + logs());
                }
            }
            lastProblem = probe(client, healthPorts);
            if (lastProblem == null) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the local Swift was not ready after " + READY_TIMEOUT.toSeconds() + " s ("
                + lastProblem + ")" + logs());
    }

    /** Null when every server is healthy and tempauth hands out a token that works; else what is missing. */
    private String probe(HttpClient client, int[] healthPorts) {
        try {
            for (int port : healthPorts) {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthcheck")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() != 200) {
                    return "healthcheck on port " + port + " answered " + health.statusCode();
                }
            }
            HttpResponse<Void> auth = client.send(HttpRequest.newBuilder(authUrl())
                    .header("X-Auth-User", user()).header("X-Auth-Key", key()).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding());
            String token = auth.headers().firstValue("X-Auth-Token").orElse(null);
            if (token == null) {
                return "tempauth answered " + auth.statusCode() + " without a token";
            }
            HttpResponse<Void> account = client.send(HttpRequest.newBuilder(storageUrl())
                    .header("X-Auth-Token", token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return account.statusCode() / 100 == 2 ? null : "account GET answered " + account.statusCode();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local Swift", e);
        }
    }

    /**
     * Polls {@code probe} until it returns non-null, failing (with the servers' logs) when a server exits or after
     * two minutes.
     */
    <T> T await(String what, java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Process> entry : processes.entrySet()) {
                if (!entry.getValue().isAlive()) {
                    throw new IllegalStateException("the local Swift's " + entry.getKey() + " exited with "
                            + entry.getValue().exitValue() + " while waiting for " + what + logs());
                }
            }
            T value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(200);
        }
        throw new IllegalStateException(what + " was not ready after 2 minutes" + logs());
    }

    private String logs() {
        StringBuilder out = new StringBuilder();
        for (String name : processes.keySet()) {
            Path log = dir.resolve("log/" + name + ".log");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("\n--- ").append(log).append(" (last lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (IOException e) {
                out.append("\n--- ").append(log).append(": ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local Swift", e);
        }
    }
}

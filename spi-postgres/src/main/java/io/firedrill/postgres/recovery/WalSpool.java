package io.firedrill.postgres.recovery;

import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.server.OsUser;
import io.firedrill.postgres.wal.WalSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves WAL from the repository to a recovering server through a local spool, so replay never waits on a
 * per-segment fetch. The server's {@code restore_command} is a small shell script ({@link #restoreCommand()}):
 * it drops a request file (again every second while unanswered), then waits for the file in {@code ready/}, a
 * marker in {@code missing/} (not in the
 * archive: exit 1, the end of replay), or {@code failed} (the archive could not be read: exit 126, which
 * aborts recovery instead of silently recovering less). A thread answers requests and fetches the next
 * {@link #AHEAD} segments before they are asked for.
 */
public final class WalSpool implements AutoCloseable {
    /** Segments fetched ahead of the server's requests. */
    static final int AHEAD = 8;
    private static final Logger LOG = LoggerFactory.getLogger(WalSpool.class);

    private final Path root;
    private final LogStore logs;
    private final String stream;
    private final long segmentSize;
    private final Thread worker;
    private final Set<String> prefetched = new HashSet<>();
    private final Deque<String> ahead = new ArrayDeque<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private WalSpool(Path root, LogStore logs, String stream, long segmentSize) {
        this.root = root;
        this.logs = logs;
        this.stream = stream;
        this.segmentSize = segmentSize;
        this.worker = new Thread(this::serve, "firedrill-wal-spool");
        this.worker.setDaemon(true);
    }

    /** Creates the spool under {@code root} (owned by the server's OS user) and starts serving. */
    public static WalSpool start(Path root, LogStore logs, String stream, long segmentSize, OsUser serverUser) {
        try {
            for (String dir : new String[] {"requests", "ready", "missing"}) {
                Files.createDirectories(root.resolve(dir));
            }
            Path script = root.resolve("restore-wal.sh");
            Files.writeString(script, SCRIPT, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
            serverUser.takeOwnership(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the WAL spool in " + root + ": " + e.getMessage(), e);
        }
        WalSpool spool = new WalSpool(root, logs, stream, segmentSize);
        spool.worker.start();
        return spool;
    }

    /** The {@code restore_command} setting that reads from this spool. */
    public String restoreCommand() {
        return "/bin/sh " + root.resolve("restore-wal.sh") + " \"%f\" \"%p\"";
    }

    /** The first failure of the spool, if any (reported when recovery stops). */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (running) {
            try {
                boolean worked = answerRequests();
                if (!worked && !ahead.isEmpty()) {
                    prefetch(ahead.poll());
                } else if (!worked) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("the WAL spool failed; recovery will abort: {}", e.getMessage());
                failure.compareAndSet(null, e);
                touch(root.resolve("failed"));
                return;
            }
        }
    }

    private boolean answerRequests() {
        boolean worked = false;
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(root.resolve("requests"))) {
            for (Path request : requests) {
                String name = request.getFileName().toString();
                worked = true;
                // Answer unless the answer is already in place: the server may ask again for a segment it read
                // before (it re-reads the last one when recovery ends), after the spool deleted its copy.
                if (!Files.exists(root.resolve("ready").resolve(name))
                        && !Files.exists(root.resolve("missing").resolve(name))) {
                    deliver(name);
                }
                Files.deleteIfExists(request);
                WalSegment.parse(name, segmentSize).ifPresent(this::planAhead);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading WAL spool requests failed: " + e.getMessage(), e);
        }
        return worked;
    }

    private void planAhead(WalSegment requested) {
        WalSegment next = requested;
        for (int i = 0; i < AHEAD; i++) {
            next = next.next();
            String name = next.fileName();
            if (!prefetched.contains(name) && !ahead.contains(name)) {
                ahead.add(name);
            }
        }
        // Keep the segment before the one asked for: the server re-reads the last segment when recovery ends.
        prefetched.removeIf(n -> WalSegment.parse(n, segmentSize)
                .map(s -> s.number() < requested.number() - 1).orElse(false) && deleteReady(n));
    }

    private void prefetch(String name) {
        if (!prefetched.contains(name) && logs.find(stream, name).isPresent()) {
            deliver(name);
        }
    }

    private void deliver(String name) {
        if (logs.find(stream, name).isPresent()) {
            Path target = root.resolve("ready").resolve(name);
            logs.fetch(stream, name, target);
            makeReadable(target);
        } else {
            touch(root.resolve("missing").resolve(name));
        }
        prefetched.add(name);
    }

    private boolean deleteReady(String name) {
        try {
            Files.deleteIfExists(root.resolve("ready").resolve(name));
        } catch (IOException e) {
            LOG.debug("could not delete a consumed spool file {}: {}", name, e.getMessage());
        }
        return true;
    }

    private static void makeReadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.write(file, new byte[0]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The restore_command script; PostgreSQL runs it as the server's OS user. */
    private static final String SCRIPT = String.join("\n",
            "#!/bin/sh",
            "# Written by Firedrill: serves WAL from the recovery spool next to this script.",
            "f=\"$1\"; p=\"$2\"; d=$(dirname \"$0\")",
            ": > \"$d/requests/$f\" || exit 126",
            "i=0",
            "while [ $i -lt 72000 ]; do",
            "  if [ -f \"$d/ready/$f\" ]; then cp \"$d/ready/$f\" \"$p\" && exit 0; exit 126; fi",
            "  if [ -f \"$d/missing/$f\" ]; then exit 1; fi",
            "  if [ -f \"$d/failed\" ]; then exit 126; fi",
            "  if [ $((i % 20)) -eq 19 ]; then : > \"$d/requests/$f\"; fi",
            "  sleep 0.05; i=$((i+1))",
            "done",
            "exit 126",
            "");
}

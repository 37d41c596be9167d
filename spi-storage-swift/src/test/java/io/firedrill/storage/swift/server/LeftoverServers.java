package io.firedrill.storage.swift.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stops the servers of runs whose JVM died without stopping them (Swift's servers detach into their own session,
 * so they outlive a killed JVM). Each run directory records its owner JVM's PID ({@code owner.pid}) and every
 * server's PID ({@code run/NAME.pid}); a server is stopped only while its command line still names its run
 * directory, so a reused PID is never signalled.
 */
final class LeftoverServers {
    private LeftoverServers() {
    }

    /** Marks {@code dir} as owned by this JVM. */
    static void claim(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
    }

    /** Records the PID of a server started in {@code dir}. */
    static void record(Path dir, String name, long pid) throws IOException {
        Files.writeString(dir.resolve("run/" + name + ".pid"), String.valueOf(pid));
    }

    /** Stops the servers of every run under {@code base} whose owner JVM is gone, and deletes those runs. */
    static void stopAll(Path base) throws IOException {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path run : runs) {
                Optional<ProcessHandle> owner = readPid(run.resolve("owner.pid")).flatMap(ProcessHandle::of);
                if (owner.isPresent() && owner.get().isAlive()) {
                    continue;
                }
                stopServers(run);
                delete(run);
            }
        }
    }

    /** Deletes a run directory, ignoring what cannot be deleted. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // left for the next run's clean-up
                }
            });
        } catch (IOException ignored) {
            // left for the next run's clean-up
        }
    }

    private static void stopServers(Path run) throws IOException {
        Path pids = run.resolve("run");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
            for (Path file : files) {
                readPid(file).flatMap(ProcessHandle::of)
                        .filter(process -> process.info().arguments()
                                .map(args -> String.join(" ", args).contains(run.toString())).orElse(false))
                        .ifPresent(LeftoverServers::stop);
            }
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

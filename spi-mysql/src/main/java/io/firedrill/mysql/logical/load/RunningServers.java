package io.firedrill.mysql.logical.load;

import io.firedrill.mysql.server.MysqlProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers restores left running, by data directory, so {@code Recovery.stop} finds them. A server also writes
 * its process id into {@value #PID_FILE} in its data directory, so one started by another JVM can be stopped too.
 */
final class RunningServers {
    /** The pid file every new server writes in its data directory. */
    static final String PID_FILE = "firedrill-mysqld.pid";

    private static final Map<Path, MysqlProcess> RUNNING = new ConcurrentHashMap<>();

    private RunningServers() {
    }

    static void register(MysqlProcess process) {
        RUNNING.put(process.dataDir(), process);
    }

    /** Stops the server of {@code dataDirectory}: cleanly, or by its pid file; false when none was found. */
    static boolean stop(Path dataDirectory, Duration timeout) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        MysqlProcess process = RUNNING.remove(dir);
        if (process != null) {
            process.close();
            return true;
        }
        Optional<ProcessHandle> handle = pid(dir.resolve(PID_FILE)).flatMap(ProcessHandle::of);
        boolean ours = handle.flatMap(h -> h.info().commandLine()).map(c -> c.contains("--datadir=" + dir))
                .orElse(false);
        if (handle.isEmpty() || !handle.get().isAlive() || !ours) {
            return false;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
        return true;
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

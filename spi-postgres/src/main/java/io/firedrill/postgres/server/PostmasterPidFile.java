package io.firedrill.postgres.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads {@code postmaster.pid}, whose first line is the postmaster's process id, and tells whether a process is
 * alive. A zombie (exited, not yet reaped by its parent) counts as dead: in a container whose init does not reap,
 * a killed server's processes stay zombies for ever.
 */
final class PostmasterPidFile {
    private PostmasterPidFile() {}

    /** The postmaster's pid as recorded in the data directory, if the file exists and is complete. */
    static OptionalLong pid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // Absent, or being written by a starting postmaster.
        }
    }

    /** Whether {@code pid} names a running (not zombie) process. */
    static boolean alive(long pid) {
        char state = state(pid);
        if (state == '?') {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return state != 'Z' && state != 'X' && state != '-';
    }

    /** Whether {@code pid} names a zombie: exited, not yet reaped. */
    static boolean zombie(long pid) {
        return state(pid) == 'Z';
    }

    /** The state letter in /proc/<pid>/stat; '-' when there is no such process, '?' when it cannot be read. */
    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
        } catch (NoSuchFileException e) {
            return '-';
        } catch (IOException e) {
            return '?';
        }
    }
}

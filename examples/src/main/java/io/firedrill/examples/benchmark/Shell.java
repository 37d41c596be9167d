package io.firedrill.examples.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs bash commands for the peer tool and for the machine facts. */
final class Shell {
    private Shell() {
    }

    /** Runs {@code bash -c command} with pipefail, stdout and stderr passed through; fails on a non-zero exit. */
    static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("command failed with exit code " + rc + ": " + command);
        }
    }

    /** Runs {@code bash -c command} and returns its trimmed stdout, or "unknown" on failure. */
    static String output(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Whether this process may drop the page cache. */
    static boolean canDropCaches() {
        return Files.isWritable(Path.of("/proc/sys/vm/drop_caches"));
    }

    /** Writes dirty pages back, then drops the page cache, dentries and inodes. */
    static void dropCaches() throws IOException, InterruptedException {
        run("sync; echo 3 > /proc/sys/vm/drop_caches");
    }

    /** Seconds that {@code sync} takes: the cost of making what a step wrote durable. */
    static double syncSeconds() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run("sync");
        return (System.nanoTime() - t0) / 1e9;
    }

    static String firstLine(String s) {
        List<String> lines = s.lines().toList();
        return lines.isEmpty() ? s : lines.get(0);
    }
}

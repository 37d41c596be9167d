package io.firedrill.mysql.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a MySQL or MariaDB program to completion. Output goes to a temporary file rather than a pipe, so a program
 * that leaves a daemon holding its output open can never block the caller.
 */
final class ExternalCommand {
    private ExternalCommand() {}

    /** What a finished program exited with and printed (stdout and stderr interleaved). */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @throws MysqlServerException when it cannot be started or does not finish within {@code timeout}
     */
    static Result run(List<String> command, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("firedrill-mysql-cmd-", ".out");
            ProcessBuilder builder = builder(command);
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw MysqlServerException.failure(command.get(0) + " did not finish within " + timeout.toSeconds()
                        + " s: " + String.join(" ", command) + "\n" + read(output), null, null);
            }
            return new Result(process.exitValue(), read(output));
        } catch (IOException e) {
            throw MysqlServerException.failure("could not run " + String.join(" ", command) + ": " + e.getMessage(),
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MysqlServerException.failure("interrupted while running " + String.join(" ", command), null, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    /**
     * A process builder for a server program: working directory {@code /}, C messages, and no inherited
     * {@code MYSQL_*} or {@code MARIADB_*} variables that could point the program at another server or password.
     */
    static ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MYSQL") || name.startsWith("MARIADB"));
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        return builder;
    }

    private static String read(Path output) {
        try {
            return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

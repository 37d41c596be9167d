package io.firedrill.core.process;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a database program (initdb, mysqld --initialize, pg_ctl…) to completion for an engine. Output goes to a
 * temporary file rather than a pipe, so a program that leaves a daemon holding its output open can never block
 * the caller. Programs run in {@code /} with C messages and without the environment variables the engine names,
 * so an inherited {@code PGHOST} or {@code MYSQL_PWD} cannot point them at another server.
 */
public final class ExternalCommand {
    private ExternalCommand() {
    }

    /**
     * What a finished program exited with and printed (stdout and stderr interleaved).
     *
     * @param exitCode the exit code
     * @param output what it printed
     */
    public record Result(int exitCode, String output) {
        /** Whether it exited with 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @param dropVariable environment variables (by name) the program must not inherit
     * @throws FiredrillException ({@link ErrorCode#SOURCE_FAILURE}) when it cannot be started or does not finish
     *     within {@code timeout}
     */
    public static Result run(List<String> command, Duration timeout, Predicate<String> dropVariable) {
        Path output = null;
        try {
            output = Files.createTempFile("firedrill-cmd-", ".out");
            ProcessBuilder builder = builder(command, dropVariable);
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw failure(command.get(0) + " did not finish within " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + read(output), null);
            }
            return new Result(process.exitValue(), read(output));
        } catch (IOException e) {
            throw failure("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /**
     * A process builder for a database program: working directory {@code /} (searchable by any user), C messages,
     * and without the variables {@code dropVariable} names.
     */
    public static ProcessBuilder builder(List<String> command, Predicate<String> dropVariable) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(dropVariable);
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        return builder;
    }

    private static FiredrillException failure(String message, Throwable cause) {
        return new FiredrillException(ErrorCode.SOURCE_FAILURE, message,
                "check that the database binaries are installed and runnable", cause);
    }

    private static String read(Path output) {
        try {
            return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

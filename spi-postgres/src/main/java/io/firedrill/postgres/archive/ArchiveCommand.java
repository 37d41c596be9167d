package io.firedrill.postgres.archive;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.Identity;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.spi.LogStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * PostgreSQL's {@code archive_command} and {@code restore_command} entry point, for those who archive WAL
 * segment by segment rather than streaming it:
 * <pre>
 * archive_command = 'java -cp /opt/firedrill/lib/* io.firedrill.postgres.archive.ArchiveCommand push %p --config /etc/firedrill/db1.properties'
 * restore_command = 'java -cp /opt/firedrill/lib/* io.firedrill.postgres.archive.ArchiveCommand get %f %p --config /etc/firedrill/db1.properties'
 * </pre>
 * Exit codes follow PostgreSQL's contracts. {@code push}: 0 once the file is durable in the repository (also when
 * the identical file was archived before), 1 on any failure including different content under the same name
 * (PostgreSQL keeps the segment and retries). {@code get}: 0 when the file was copied to the target, 1 when the
 * archive does not have it (the normal end of replay), 126 when the archive could not be read, which makes
 * PostgreSQL abort recovery instead of silently recovering less.
 *
 * <p>The configuration file holds {@code repository} (a URI) and {@code passphrase-file} or
 * {@code identity-file}; optionally {@code stream} (default: {@code postgres-<system identifier>} read from the
 * data directory, the working directory of {@code archive_command}). Secrets are read from files, never from the
 * command line, and never printed.
 */
public final class ArchiveCommand {
    /** Exit code: done. */
    static final int OK = 0;
    /** Exit code: failed, or (for get) not in the archive. */
    static final int FAILED_OR_MISSING = 1;
    /** Exit code for get when the archive could not be read: aborts recovery. */
    static final int ABORT = 126;

    private ArchiveCommand() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, Path.of("").toAbsolutePath(), System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, Path workingDirectory, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("firedrill: " + e.getMessage());
            err.println(Arguments.USAGE);
            return isGet(args) ? ABORT : FAILED_OR_MISSING;
        }
        try (Firedrill firedrill = open(a.config()).load()) {
            LogStore logs = firedrill.logs();
            String stream = a.stream() != null ? a.stream() : "postgres-" + ControlFile.systemIdentifier(workingDirectory);
            if (a.command().equals("push")) {
                Path file = workingDirectory.resolve(a.first());
                try (InputStream in = Files.newInputStream(file)) {
                    LogStore.PutOutcome outcome = logs.put(stream, file.getFileName().toString(), in);
                    err.println("firedrill: " + file.getFileName() + " " + outcome.name().toLowerCase().replace('_', ' '));
                }
                return OK;
            }
            String name = a.first();
            if (logs.find(stream, name).isEmpty()) {
                return FAILED_OR_MISSING;
            }
            logs.fetch(stream, name, workingDirectory.resolve(a.second()));
            return OK;
        } catch (ObjectNotFoundException e) {
            // push: the segment vanished (PostgreSQL retries); get: removed between find and fetch (not there)
            err.println("firedrill: " + a.command() + ": " + e.getMessage());
            return FAILED_OR_MISSING;
        } catch (IOException | RuntimeException e) {
            err.println("firedrill: " + a.command() + " failed: " + e.getMessage());
            return a.command().equals("get") ? ABORT : FAILED_OR_MISSING;
        }
    }

    private static boolean isGet(String[] args) {
        return args.length > 0 && args[0].equals("get");
    }

    private static FluentConfiguration open(Path configFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            p.load(in);
        }
        String repository = p.getProperty("repository");
        if (repository == null) {
            throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, configFile + " has no 'repository'",
                    "add repository=file:/var/backups/db1 (or another repository URI)");
        }
        FluentConfiguration c = Firedrill.configure().repository(repository);
        String passphraseFile = p.getProperty("passphrase-file");
        String identityFile = p.getProperty("identity-file");
        if (passphraseFile != null) {
            c.passphrase(Files.readString(Path.of(passphraseFile), StandardCharsets.UTF_8).strip().toCharArray());
        }
        if (identityFile != null) {
            c.identity(Identity.parse(Files.readString(Path.of(identityFile), StandardCharsets.UTF_8)));
        }
        return c;
    }
}

package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds and runs a restore: {@code firedrill.restore().latest().to(dir).run()}. The target must be missing
 * or empty; every chunk is hash-checked as it is read, so a restore never writes silently wrong data.
 */
public final class RestoreCommand {
    private final RepositorySession session;
    private BackupSelector selector = BackupSelector.latest();
    private Path target;
    private ProgressListener listener;
    private RecoveryTarget recovery;
    private OptionalInt serverPort = OptionalInt.empty();
    private String server;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final EngineOptions options = new EngineOptions();

    RestoreCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Restores the backup with this id. */
    public RestoreCommand backup(BackupId id) {
        this.selector = BackupSelector.id(id);
        return this;
    }

    /** Restores the most recent backup (the default). */
    public RestoreCommand latest() {
        this.selector = BackupSelector.latest();
        return this;
    }

    /** Restores the most recent backup of one source. */
    public RestoreCommand latestOf(String source) {
        this.selector = BackupSelector.latestOf(source);
        return this;
    }

    /** The directory to restore into; it must be missing or empty. */
    public RestoreCommand to(Path target) {
        this.target = Objects.requireNonNull(target, "target");
        return this;
    }

    /**
     * For a database backup: recover to this target after restoring the files (point-in-time recovery), replaying
     * archived logs. A target outside the recoverable window fails before anything is restored, naming the window.
     * Without it, a database backup is restored as files only and recovers to its end when first started.
     */
    public RestoreCommand recover(RecoveryTarget target) {
        this.recovery = Objects.requireNonNull(target, "target");
        return this;
    }

    /** For a database backup: leave the recovered server running on this port (archiving off). Default: stopped. */
    public RestoreCommand startServer(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidConfigurationException("server port must be within 1..65535, was " + port, null);
        }
        this.serverPort = OptionalInt.of(port);
        return this;
    }

    /**
     * For a logical backup: load it into this existing server (a JDBC URL, possibly with credentials) instead of
     * creating a new server in a directory. Tables that already exist there are not overwritten: the restore
     * fails naming them, so combine with {@link #renameSchema} to load next to live data.
     */
    public RestoreCommand intoServer(String connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection.isBlank()) {
            throw new InvalidConfigurationException("the server connection is empty",
                    "pass a JDBC URL such as jdbc:mariadb://db1:3306/?user=restore");
        }
        this.server = connection;
        return this;
    }

    /** For a logical backup: load schema {@code from} under the name {@code to}. */
    public RestoreCommand renameSchema(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBlank() || to.isBlank()) {
            throw new InvalidConfigurationException("schema names must not be empty", null);
        }
        renames.put(from, to);
        return this;
    }

    /** Receives progress for this restore only. */
    public RestoreCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sets an engine option for this restore, overriding the engine's JVM-wide default (a system property) for this
     * restore only. Names and values are the engine's own (see the engine's documentation, such as
     * {@code docs/mysql.md}); an engine refuses names it does not know with an
     * {@link InvalidConfigurationException} listing the valid ones, and an engine without options refuses any.
     * Setting a name again replaces its value.
     *
     * @param name the option's name, such as {@code threads}
     * @param value its value, as text
     * @return this command
     */
    public RestoreCommand option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** The request this command describes. */
    public RestoreRequest request() {
        if (target == null && server == null) {
            throw new InvalidConfigurationException("the restore has no target directory",
                    "call to(path) with a missing or empty directory (or intoServer(url) for a logical backup)");
        }
        if (serverPort.isPresent() && recovery == null) {
            throw new InvalidConfigurationException("startServer(...) needs a recovery target",
                    "add recover(RecoveryTarget.latest()) or another target");
        }
        if (server != null && target != null) {
            throw new InvalidConfigurationException("the restore has both a target directory and a server",
                    "restore either into a new server (to(path)) or into an existing one (intoServer(url))");
        }
        if (server != null && serverPort.isPresent()) {
            throw new InvalidConfigurationException("startServer(...) applies to a new server only",
                    "drop startServer(...) when restoring intoServer(url)");
        }
        return new RestoreRequest(selector, target, listener, Optional.ofNullable(recovery), serverPort,
                Optional.ofNullable(server), renames, options.values());
    }

    /** Restores. */
    public RestoreResult run() {
        return session.restore(request());
    }
}

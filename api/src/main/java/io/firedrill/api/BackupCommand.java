package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds and runs a backup: {@code firedrill.backup().directory(path).tag("nightly").run()}.
 * A backup is listed only after every object it needs is durable; a failed or cancelled backup leaves
 * only unreferenced data, which the next backup reuses and {@code prune()} removes.
 */
public final class BackupCommand {
    private final RepositorySession session;
    private BackupSource source;
    private String sourceName;
    private final List<String> tags = new ArrayList<>();
    private ProgressListener listener;
    private final EngineOptions options = new EngineOptions();

    BackupCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Backs up a directory tree. */
    public BackupCommand directory(Path path) {
        this.source = new BackupSource.Directory(path);
        return this;
    }

    /**
     * Backs up a database through the engine plugin that claims the connection (a JDBC URL such as
     * {@code jdbc:postgresql://db1/app}). Fails with {@link PluginNotFoundException} when no engine module
     * on the classpath claims it.
     */
    public BackupCommand database(String connection) {
        this.source = new BackupSource.Database(connection);
        return this;
    }

    /** The source name used by the catalog and by retention; default: the path, or the connection without credentials. */
    public BackupCommand sourceName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidConfigurationException("sourceName is blank", "use a stable name such as 'db1'");
        }
        this.sourceName = name;
        return this;
    }

    /** Adds a free-form label. */
    public BackupCommand tag(String tag) {
        Objects.requireNonNull(tag, "tag");
        tags.add(tag);
        return this;
    }

    /** Receives progress for this backup only (default: the configuration's listener). */
    public BackupCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sets an engine option for this backup, overriding the engine's JVM-wide default (a system property) for this
     * backup only. Names and values are the engine's own (see the engine's documentation, such as
     * {@code docs/mysql.md}); an engine refuses names it does not know with an
     * {@link InvalidConfigurationException} listing the valid ones, and an engine without options refuses any.
     * Setting a name again replaces its value.
     *
     * @param name the option's name, such as {@code threads}
     * @param value its value, as text
     * @return this command
     */
    public BackupCommand option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** The request this command describes. */
    public BackupRequest request() {
        if (source == null) {
            throw new InvalidConfigurationException("the backup has no source",
                    "call directory(path) or database(jdbcUrl) before run()");
        }
        return new BackupRequest(source, sourceName != null ? sourceName : source.displayName(), tags, listener,
                options.values());
    }

    /** Takes the backup. */
    public BackupResult run() {
        return session.backup(request());
    }
}

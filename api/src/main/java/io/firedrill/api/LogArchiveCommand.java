package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.util.Objects;

/**
 * Builds and starts continuous log archiving (PostgreSQL WAL, MySQL/MariaDB binlogs) from a database:
 * {@code firedrill.archiveLogs().from("jdbc:postgresql://db1/app").start()}. Needs the engine module of that
 * database; without it, {@link #start()} fails with {@link PluginNotFoundException} naming the module.
 */
public final class LogArchiveCommand {
    private final RepositorySession session;
    private BackupSource.Database source;
    private ProgressListener listener;
    private final EngineOptions options = new EngineOptions();

    LogArchiveCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** The database to archive logs from (a JDBC URL). */
    public LogArchiveCommand from(String connection) {
        this.source = new BackupSource.Database(connection);
        return this;
    }

    /** Receives progress and failures of the archiver. */
    public LogArchiveCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sets an engine option for this archiver, overriding the engine's JVM-wide default (a system property) for this
     * archiver only. Names and values are the engine's own (see the engine's documentation, such as
     * {@code docs/mysql.md}); an engine refuses names it does not know with an
     * {@link InvalidConfigurationException} listing the valid ones, and an engine without options refuses any.
     * Setting a name again replaces its value.
     *
     * @param name the option's name, such as {@code threads}
     * @param value its value, as text
     * @return this command
     */
    public LogArchiveCommand option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** Starts archiving; returns a handle to stop it. */
    public LogArchiver start() {
        if (source == null) {
            throw new InvalidConfigurationException("log archiving has no source",
                    "call from(jdbcUrl) before start()");
        }
        return session.archiveLogs(new LogArchiveRequest(source, listener, options.values()));
    }
}

package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Builds and runs a restore drill: restore a backup into a throw-away sandbox, check it, and report how long
 * each step took. A failed drill throws, and the listener's {@code failed} is called first so a host can page.
 * Directory backups are restored and every file checked against the manifest; database drills (start the
 * server, replay logs, sanity checks) come with the engine modules.
 */
public final class DrillCommand {
    private final RepositorySession session;
    private BackupSelector selector = BackupSelector.latest();
    private Path sandbox;
    private ProgressListener listener;
    private final EngineOptions options = new EngineOptions();

    DrillCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Drills the backup with this id (default: the latest). */
    public DrillCommand backup(BackupId id) {
        this.selector = BackupSelector.id(id);
        return this;
    }

    /** Drills the latest backup of one source. */
    public DrillCommand latestOf(String source) {
        this.selector = BackupSelector.latestOf(source);
        return this;
    }

    /** Restores into this directory and keeps it (default: a temporary directory, deleted afterwards). */
    public DrillCommand sandbox(Path sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        return this;
    }

    /** Receives progress for this drill only. */
    public DrillCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sets an engine option for this drill, overriding the engine's JVM-wide default (a system property) for this
     * drill only. Names and values are the engine's own (see the engine's documentation, such as
     * {@code docs/mysql.md}); an engine refuses names it does not know with an
     * {@link InvalidConfigurationException} listing the valid ones, and an engine without options refuses any.
     * Setting a name again replaces its value.
     *
     * @param name the option's name, such as {@code threads}
     * @param value its value, as text
     * @return this command
     */
    public DrillCommand option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** Runs the drill. */
    public DrillReport run() {
        return session.drill(new DrillRequest(selector, sandbox, listener, options.values()));
    }
}

package io.firedrill.api;

import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.RepositorySession;
import java.util.List;
import java.util.Set;

/**
 * An open Firedrill repository: the entry point for backups, restores, verification, retention and drills.
 *
 * <pre>{@code
 * try (Firedrill firedrill = Firedrill.configure()
 *         .repository("file:/var/backups/app")
 *         .passphrase(secret)
 *         .load()) {
 *     BackupResult backup = firedrill.backup().directory(Path.of("/srv/data")).run();
 *     firedrill.verify().readData(ReadData.percent(5)).run();
 *     firedrill.restore().backup(backup.backup().id()).to(Path.of("/tmp/restore")).run();
 * }
 * }</pre>
 *
 * A handle is thread-safe; operations on one repository from several handles or processes coordinate through
 * the repository's locks.
 */
public final class Firedrill implements AutoCloseable {
    private final Configuration configuration;
    private final RepositorySession session;

    Firedrill(Configuration configuration, RepositorySession session) {
        this.configuration = configuration;
        this.session = session;
    }

    /** Starts a configuration; finish with {@code load()} or {@code init(...)}. */
    public static FluentConfiguration configure() {
        return new FluentConfiguration();
    }

    /** The settings this handle was opened with. */
    public Configuration configuration() {
        return configuration;
    }

    /** Facts about the repository. */
    public RepositoryInfo repository() {
        return session.info();
    }

    /** Prepares a backup. */
    public BackupCommand backup() {
        return new BackupCommand(session, configuration.listener());
    }

    /** Prepares a restore. */
    public RestoreCommand restore() {
        return new RestoreCommand(session, configuration.listener());
    }

    /** Prepares an integrity check. */
    public VerifyCommand verify() {
        return new VerifyCommand(session, configuration.listener());
    }

    /** What a retention policy would keep and forget now; changes nothing. */
    public RetentionPlan retention(RetentionPolicy policy) {
        return session.plan(policy);
    }

    /** Prepares a prune. */
    public PruneCommand prune() {
        return new PruneCommand(session, configuration.listener());
    }

    /** Prepares continuous log archiving from a database. */
    public LogArchiveCommand archiveLogs() {
        return new LogArchiveCommand(session, configuration.listener());
    }

    /**
     * Prepares a copy of backups into another repository, such as an off-site copy:
     * {@code firedrill.copy().to(offsite).run()}.
     */
    public CopyCommand copy() {
        return new CopyCommand(session, configuration.listener());
    }

    /** Prepares a restore drill. */
    public DrillCommand drill() {
        return new DrillCommand(session, configuration.listener());
    }

    /** Every backup in the catalog, oldest first. */
    public List<BackupInfo> list() {
        return session.list();
    }

    /** Pins a backup: retention always keeps it. */
    public void pin(BackupId id) {
        session.pin(id, true);
    }

    /** Removes a pin. */
    public void unpin(BackupId id) {
        session.pin(id, false);
    }

    /**
     * The repository's archive of database log files (WAL, binlogs). Engines and the {@code archive_command}
     * entry point write to it; applications rarely need it directly.
     */
    public LogStore logs() {
        return session.logs();
    }

    /** The pinned backups. */
    public Set<BackupId> pinned() {
        return session.pinned();
    }

    /** The implementation behind this handle, for commands that work on two repositories. */
    RepositorySession session() {
        return session;
    }

    /** Releases the storage and wipes the in-memory passphrase. */
    @Override
    public void close() {
        try {
            session.close();
        } finally {
            configuration.wipe();
        }
    }
}

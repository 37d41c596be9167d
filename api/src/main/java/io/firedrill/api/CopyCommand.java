package io.firedrill.api;

import io.firedrill.api.spi.RepositorySession;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds and runs a copy of backups into another repository (another storage, another region), such as an
 * off-site copy: {@code firedrill.copy().to(offsite).retainedBy(policy).run()}.
 *
 * <p>Only what the destination lacks is transferred. When the destination shares this repository's keys (it
 * was created with {@link FluentConfiguration#initCopyOf(Firedrill, Encryption)}), packs are copied byte for
 * byte without being decrypted; otherwise every chunk is decrypted, re-hashed and re-encrypted with the
 * destination's keys, and manifests are rewritten with the new chunk ids. Catalog entries are written last, so
 * a copy that fails midway leaves the destination consistent, and running it again completes it. The
 * destination is an ordinary repository with its own retention: {@code retention()} and {@code prune()} work
 * on it independently.
 *
 * <p>Needs a key that can read this repository; the destination may be opened with a write-only key.
 * Takes a shared lock on both repositories.
 */
public final class CopyCommand {
    private final RepositorySession session;
    private Firedrill destination;
    private FluentConfiguration destinationSettings;
    private String source;
    private final Set<BackupId> ids = new LinkedHashSet<>();
    private boolean latestOnly;
    private RetentionPolicy retainedBy;
    private boolean logs = true;
    private boolean reencrypt;
    private ProgressListener listener;

    CopyCommand(RepositorySession session, ProgressListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** The destination, an open repository handle (required, or {@link #to(FluentConfiguration)}). */
    public CopyCommand to(Firedrill destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.destinationSettings = null;
        return this;
    }

    /**
     * The destination, opened with {@link FluentConfiguration#load()} when the copy runs and closed after it.
     * The repository must exist there already; if it cannot be opened, the copy fails (and its listener hears
     * {@code failed}) with the reason.
     */
    public CopyCommand to(FluentConfiguration destination) {
        this.destinationSettings = Objects.requireNonNull(destination, "destination");
        this.destination = null;
        return this;
    }

    /** Copy only backups of this source. Default: every source. */
    public CopyCommand source(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new InvalidConfigurationException("copy source is blank", "name a source such as 'db1'");
        }
        this.source = source;
        return this;
    }

    /** Copy this backup; call again to add more. Default: every backup. */
    public CopyCommand backup(BackupId id) {
        ids.add(Objects.requireNonNull(id, "id"));
        return this;
    }

    /** Copy only the newest backup of each source. */
    public CopyCommand latest() {
        this.latestOnly = true;
        return this;
    }

    /**
     * Copy only the backups that {@code policy} would keep if it were applied to this repository's backups
     * (the destination's pins count as pins). Give the policy the destination prunes with, and backups the
     * destination would forget are never sent.
     */
    public CopyCommand retainedBy(RetentionPolicy policy) {
        this.retainedBy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Whether to copy the archived logs (WAL, binlogs) of the log streams the copied backups use, so that the
     * copy can recover to a point in time. Default {@code true}. Every file of each such stream is copied (log
     * retention is not applied yet).
     */
    public CopyCommand logs(boolean logs) {
        this.logs = logs;
        return this;
    }

    /**
     * Decrypt and re-encrypt every blob even when both repositories share their keys, so the destination's
     * packs are sealed with fresh data keys. Default: re-encrypt only when the keys differ.
     */
    public CopyCommand reencrypt() {
        this.reencrypt = true;
        return this;
    }

    /** Receives progress for this copy only. */
    public CopyCommand listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The request this command describes. */
    public CopyRequest request() {
        return new CopyRequest(source, ids, latestOnly, retainedBy, logs, reencrypt, listener);
    }

    /** Runs the copy. */
    public CopyReport run() {
        CopyRequest request = request();
        if (destination != null) {
            return session.copy(request, destination.session());
        }
        if (destinationSettings == null) {
            throw new InvalidConfigurationException("the copy has no destination",
                    "call to(otherFiredrill) or to(Firedrill.configure().repository(...)...) before run()");
        }
        Firedrill opened;
        try {
            opened = destinationSettings.load();
        } catch (FiredrillException e) {
            // An unreachable or locked-out destination is a failed copy: the listener hears of it, to page on.
            request.listener().started(Operation.COPY, -1);
            request.listener().failed(Operation.COPY, e);
            throw e;
        }
        try (opened) {
            return session.copy(request, opened.session());
        }
    }
}

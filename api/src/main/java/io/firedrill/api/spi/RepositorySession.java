package io.firedrill.api.spi;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupRequest;
import io.firedrill.api.BackupResult;
import io.firedrill.api.CopyReport;
import io.firedrill.api.CopyRequest;
import io.firedrill.api.DrillReport;
import io.firedrill.api.DrillRequest;
import io.firedrill.api.LogArchiveRequest;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.PruneReport;
import io.firedrill.api.PruneRequest;
import io.firedrill.api.RepositoryInfo;
import io.firedrill.api.RestoreRequest;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.VerifyRequest;
import java.util.List;
import java.util.Set;

/** One opened repository, as {@code firedrill-core} implements it. See {@link io.firedrill.api.Firedrill}. */
public interface RepositorySession extends AutoCloseable {

    /** Takes a backup. */
    BackupResult backup(BackupRequest request);

    /** Restores a backup. */
    RestoreResult restore(RestoreRequest request);

    /** Checks integrity. */
    VerifyReport verify(VerifyRequest request);

    /** Applies a policy without changing anything. */
    RetentionPlan plan(RetentionPolicy policy);

    /** Forgets backups and deletes unreferenced data. */
    PruneReport prune(PruneRequest request);

    /** Copies backups into the repository {@code destination} (another session of this runtime). */
    CopyReport copy(CopyRequest request, RepositorySession destination);

    /** Restores into a sandbox and checks. */
    DrillReport drill(DrillRequest request);

    /** Starts continuous log archiving. */
    LogArchiver archiveLogs(LogArchiveRequest request);

    /** The catalog, oldest first. */
    List<BackupInfo> list();

    /** Pins or unpins a backup. */
    void pin(BackupId id, boolean pinned);

    /** The pinned backups. */
    Set<BackupId> pinned();

    /** The repository's log archive. */
    LogStore logs();

    /** Facts about the repository. */
    RepositoryInfo info();

    /** Releases the storage. */
    @Override
    void close();
}

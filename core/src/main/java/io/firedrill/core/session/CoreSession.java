package io.firedrill.core.session;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupRequest;
import io.firedrill.api.BackupResult;
import io.firedrill.api.BackupSource;
import io.firedrill.api.CopyReport;
import io.firedrill.api.CopyRequest;
import io.firedrill.api.DrillReport;
import io.firedrill.api.DrillRequest;
import io.firedrill.api.LogArchiveRequest;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.Operation;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.PruneReport;
import io.firedrill.api.PruneRequest;
import io.firedrill.api.RepositoryInfo;
import io.firedrill.api.RestoreRequest;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.VerifyRequest;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.RepositorySession;
import io.firedrill.core.backup.DirectoryBackup;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.copy.BackupCopy;
import io.firedrill.core.drill.DirectoryDrill;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.prune.Pruner;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.restore.DirectoryRestore;
import io.firedrill.core.retention.RetentionRules;
import io.firedrill.core.verify.RepositoryVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One opened repository: each operation takes its lock, loads a fresh index, and runs. */
final class CoreSession implements RepositorySession {
    private static final String DIRECTORY = "directory";
    private final Repository repository;
    private final Catalog catalog;
    private final EngineOperations engines;

    CoreSession(Repository repository) {
        this.repository = repository;
        this.catalog = new Catalog(repository.storage(), repository.documents(),
                repository.settings().parallelism());
        this.engines = new EngineOperations(repository, catalog);
    }

    @Override
    public BackupResult backup(BackupRequest request) {
        return OperationRun.run(Operation.BACKUP, request.listener(), () -> {
            long start = System.nanoTime();
            if (request.source() instanceof BackupSource.Database db) {
                return new BackupResult(engines.backup(request, db), Duration.ofNanos(System.nanoTime() - start));
            }
            BackupSource.Directory dir = (BackupSource.Directory) request.source();
            refuseEngineOptions(request.options(), "this backup");
            try (RepositoryLock lock = lock(LockMode.SHARED, "backup of " + request.sourceName());
                 BlobStore store = repository.newBlobStore(repository.loadIndex().index())) {
                Instant started = repository.settings().clock().instant();
                BackupId id = DirectoryBackup.newId(started);
                CatalogEntry entry = new DirectoryBackup(repository, store, request.listener())
                        .run(id, dir.path(), request.sourceName(), "directory", Map.of(), started, request.tags());
                lock.checkValid();
                BackupInfo info = DirectoryBackup.commit(catalog, entry);
                return new BackupResult(info, Duration.ofNanos(System.nanoTime() - start));
            }
        });
    }

    @Override
    public RestoreResult restore(RestoreRequest request) {
        return OperationRun.run(Operation.RESTORE, request.listener(), () -> {
            long start = System.nanoTime();
            repository.requireRead();
            try (RepositoryLock lock = lock(LockMode.SHARED, "restore to "
                    + (request.target() != null ? request.target() : "a server"))) {
                CatalogEntry entry = catalog.select(request.selector());
                IndexFiles.Loaded index = repository.loadIndex();
                DirectoryRestore restore = new DirectoryRestore(repository.newBlobReader(), index,
                        repository.settings().parallelism(), repository.config().chunking().fileChunkSize(),
                        request.listener());
                DirectoryRestore.Outcome outcome;
                Optional<RecoveryReport> recovery = Optional.empty();
                if (DIRECTORY.equals(entry.kind())) {
                    if (request.recovery().isPresent()) {
                        throw new InvalidConfigurationException("backup " + entry.id() + " is a directory backup;"
                                + " recovery targets apply to database backups", "drop recover(...)");
                    }
                    if (request.target() == null || !request.renames().isEmpty()) {
                        throw new InvalidConfigurationException("backup " + entry.id() + " is a directory backup;"
                                + " intoServer(...) and renameSchema(...) apply to logical database backups",
                                "restore it to(path)");
                    }
                    refuseEngineOptions(request.options(), "backup " + entry.id());
                    DirectoryRestore.prepareTarget(request.target());
                    outcome = restore.run(entry, request.target());
                } else {
                    EngineOperations.Restored restored = engines.restore(entry, request, index, restore);
                    outcome = restored.outcome();
                    recovery = restored.recovery();
                }
                return new RestoreResult(BackupId.of(entry.id()), request.target(), outcome.files(), outcome.bytes(),
                        Duration.ofNanos(System.nanoTime() - start), recovery);
            }
        });
    }

    @Override
    public VerifyReport verify(VerifyRequest request) {
        return OperationRun.run(Operation.VERIFY, request.listener(), () -> {
            try (RepositoryLock lock = lock(LockMode.SHARED, "verify")) {
                return new RepositoryVerifier(repository, request.listener()).run(request.readData());
            }
        });
    }

    @Override
    public RetentionPlan plan(RetentionPolicy policy) {
        return RetentionRules.plan(catalog.list(), catalog.pinned(), policy, repository.settings().clock().instant());
    }

    @Override
    public PruneReport prune(PruneRequest request) {
        return OperationRun.run(Operation.PRUNE, request.listener(), () -> {
            LockMode mode = request.dryRun() ? LockMode.SHARED : LockMode.EXCLUSIVE;
            try (RepositoryLock lock = lock(mode, "prune")) {
                return new Pruner(repository, request.listener(), lock)
                        .run(request.policy(), request.dryRun(), repository.settings().clock().instant());
            }
        });
    }

    @Override
    public CopyReport copy(CopyRequest request, RepositorySession destination) {
        return OperationRun.run(Operation.COPY, request.listener(), () -> new BackupCopy(repository,
                repository(destination), new Progress(Operation.COPY, request.listener())).run(request));
    }

    /** Engine options are for database engines: a directory operation refuses them rather than ignore them. */
    private static void refuseEngineOptions(Map<String, String> options, String what) {
        if (!options.isEmpty()) {
            throw new InvalidConfigurationException("engine options " + options.keySet() + " apply to database "
                    + "engines, and " + what + " is a directory backup", "drop option(...)");
        }
    }

    /** The repository behind a session of this runtime. */
    static Repository repository(RepositorySession session) {
        if (session instanceof CoreSession core) {
            return core.repository;
        }
        throw new InvalidConfigurationException("the other repository handle was not opened by firedrill-core ("
                + session.getClass().getName() + ")", "open both repositories with Firedrill.configure()...load()");
    }

    @Override
    public DrillReport drill(DrillRequest request) {
        return OperationRun.run(Operation.DRILL, request.listener(), () -> {
            repository.requireRead();
            try (RepositoryLock lock = lock(LockMode.SHARED, "drill")) {
                CatalogEntry entry = catalog.select(request.selector());
                if (DIRECTORY.equals(entry.kind())) {
                    refuseEngineOptions(request.options(), "backup " + entry.id());
                    return new DirectoryDrill(repository, request.listener()).run(entry, request.sandbox());
                }
                IndexFiles.Loaded index = repository.loadIndex();
                return engines.drill(entry, request, index, new DirectoryRestore(repository.newBlobReader(), index,
                        repository.settings().parallelism(), repository.config().chunking().fileChunkSize(),
                        request.listener()));
            }
        });
    }

    @Override
    public LogArchiver archiveLogs(LogArchiveRequest request) {
        return OperationRun.run(Operation.ARCHIVE_LOGS, request.listener(), () -> {
            return engines.archiveLogs(request);
        });
    }

    @Override
    public List<BackupInfo> list() {
        return catalog.list();
    }

    @Override
    public void pin(BackupId id, boolean pinned) {
        catalog.pin(id, pinned);
    }

    @Override
    public Set<BackupId> pinned() {
        return catalog.pinned();
    }

    @Override
    public LogStore logs() {
        return engines.logs();
    }

    @Override
    public RepositoryInfo info() {
        return repository.info();
    }

    @Override
    public void close() {
        repository.storage().close();
    }

    private RepositoryLock lock(LockMode mode, String owner) {
        return repository.lock(mode, owner);
    }
}

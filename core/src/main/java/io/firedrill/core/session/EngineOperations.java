package io.firedrill.core.session;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupRequest;
import io.firedrill.api.BackupSource;
import io.firedrill.api.DrillReport;
import io.firedrill.api.DrillRequest;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.LogArchiveRequest;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.PluginNotFoundException;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RestoreRequest;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.LogicalBackup;
import io.firedrill.api.spi.LogicalRestore;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.api.spi.Recovery;
import io.firedrill.core.backup.DirectoryBackup;
import io.firedrill.core.backup.EngineDetails;
import io.firedrill.core.backup.StreamBackup;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.logs.RepositoryLogStore;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.plugin.EngineRegistry;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.restore.BackupStreams;
import io.firedrill.core.restore.DirectoryRestore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.OptionalInt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Backups, restores and log archiving of databases, through the engine plugin that handles them. */
final class EngineOperations {
    private final Repository repository;
    private final Catalog catalog;
    private final RepositoryLogStore logs;

    EngineOperations(Repository repository, Catalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
        this.logs = new RepositoryLogStore(repository);
    }

    /** The repository's log archive. */
    RepositoryLogStore logs() {
        return logs;
    }

    /**
     * Takes a backup through the engine: a physical one (the engine starts it, the core copies its trees, the
     * engine finishes it) or, for engines that take logical backups, a snapshot the engine writes as streams.
     */
    BackupInfo backup(BackupRequest request, BackupSource.Database db) {
        EngineProvider provider = EngineRegistry.find(db.connection(), db.displayName(),
                repository.settings().engineProviders());
        EngineContext context = new EngineContext(logs, request.listener(), repository.settings().clock(),
                request.options());
        try (Engine engine = provider.open(db.connection());
             RepositoryLock lock = repository.lock(LockMode.SHARED, "backup of " + request.sourceName());
             BlobStore store = repository.newBlobStore(repository.loadIndex().index())) {
            Instant started = repository.settings().clock().instant();
            BackupId id = DirectoryBackup.newId(started);
            CatalogEntry entry = engine.takesLogicalBackups()
                    ? logicalBackup(engine, context, store, id, request, started)
                    : physicalBackup(engine, db, context, store, id, request, started);
            lock.checkValid();
            return DirectoryBackup.commit(catalog, entry);
        }
    }

    private CatalogEntry physicalBackup(Engine engine, BackupSource.Database db, EngineContext context,
                                        BlobStore store, BackupId id, BackupRequest request, Instant started) {
        DirectoryBackup copier = new DirectoryBackup(repository, store, request.listener());
        List<BlobId> manifest;
        PhysicalBackup.Result result;
        String kind;
        try (PhysicalBackup backup = startBackup(engine, db, context)) {
            kind = backup.kind();
            manifest = copier.copy(id, backup.trees(), request.sourceName(), kind, Map.of());
            result = backup.finish();
        }
        List<BlobId> details = EngineDetails.store(repository, store, result);
        return copier.entry(id, request.sourceName(), kind, started, request.tags(), manifest, result.summary(),
                details);
    }

    private CatalogEntry logicalBackup(Engine engine, EngineContext context, BlobStore store, BackupId id,
                                       BackupRequest request, Instant started) {
        StreamBackup sink = new StreamBackup(repository, store, request.listener());
        List<BlobId> manifest;
        PhysicalBackup.Result result;
        String kind;
        try (LogicalBackup backup = engine.startLogicalBackup(context)) {
            kind = backup.kind();
            result = backup.dump(sink);
            manifest = sink.finish(id, request.sourceName(), kind);
        }
        List<BlobId> details = EngineDetails.store(repository, store, result);
        return DirectoryBackup.entry(repository, store, id, request.sourceName(), kind, started, request.tags(),
                manifest, result.summary(), details, sink.streams(), sink.bytes());
    }

    /** What an engine restore did. */
    record Restored(DirectoryRestore.Outcome outcome, Optional<RecoveryReport> recovery) {
    }

    /** Restores an engine backup's files, writes the engine's files, then recovers when a target is given. */
    Restored restore(CatalogEntry entry, RestoreRequest request, IndexFiles.Loaded index, DirectoryRestore restore) {
        EngineProvider provider = EngineRegistry.forKind(entry.kind(), repository.settings().engineProviders());
        Recovery recovery = provider.recovery();
        EngineDetails.Read details = EngineDetails.read(entry, index.index(), repository.newBlobReader());
        if (recovery.restoresLogically(entry.kind())) {
            return logicalRestore(entry, request, index, recovery, details);
        }
        if (request.server().isPresent() || !request.renames().isEmpty()) {
            throw new InvalidConfigurationException("backup " + entry.id() + " is a physical " + entry.kind()
                    + " backup; intoServer(...) and renameSchema(...) apply to logical backups",
                    "restore it to(path) and start the server there");
        }
        refuseOptions(entry, request.options());
        request.recovery().ifPresent(target -> recovery.check(target, details.details(), logs));
        DirectoryRestore.prepareTarget(request.target());
        DirectoryRestore.Outcome outcome = restore.run(entry, request.target());
        details.files().forEach((path, bytes) -> write(request.target(), path, bytes));
        return new Restored(outcome, request.recovery().map(target -> recovery.recover(request.target(),
                details.details(), target, request.serverPort(), logs, request.listener())));
    }

    private Restored logicalRestore(CatalogEntry entry, RestoreRequest request, IndexFiles.Loaded index,
                                    Recovery recovery, EngineDetails.Read details) {
        if (request.target() != null) {
            DirectoryRestore.prepareTarget(request.target());
        }
        BackupStreams streams = BackupStreams.of(entry, index.index(), repository.newBlobReader());
        RecoveryReport report = recovery.load(new LogicalRestore(streams, details.details(), request.target(),
                request.server(), request.renames(), request.recovery(), request.serverPort(), logs,
                request.listener(), repository.settings().parallelism(), request.options()));
        DirectoryRestore.Outcome outcome = new DirectoryRestore.Outcome(streams.streams().size(),
                streams.bytesRead());
        return new Restored(outcome, request.recovery().isPresent() ? Optional.of(report) : Optional.empty());
    }

    /**
     * A restore drill of an engine backup: restore into a sandbox, recover to the backup's consistency point,
     * start the server, run the engine's checks, stop it, and report each step's duration.
     */
    DrillReport drill(CatalogEntry entry, DrillRequest request, IndexFiles.Loaded index, DirectoryRestore restore) {
        long start = System.nanoTime();
        Recovery recovery = EngineRegistry.forKind(entry.kind(), repository.settings().engineProviders()).recovery();
        if (!recovery.restoresLogically(entry.kind())) {
            refuseOptions(entry, request.options());
        }
        boolean temporary = request.sandbox() == null;
        Path sandbox = temporary ? temporarySandbox() : request.sandbox();
        Path data = temporary ? sandbox.resolve("data") : sandbox;
        List<DrillReport.Step> steps = new ArrayList<>();
        EngineDetails.Read details = EngineDetails.read(entry, index.index(), repository.newBlobReader());
        boolean started = false;
        try {
            long t = System.nanoTime();
            DirectoryRestore.prepareTarget(data);
            int port = freePort();
            if (recovery.restoresLogically(entry.kind())) {
                BackupStreams streams = BackupStreams.of(entry, index.index(), repository.newBlobReader());
                RecoveryReport report = recovery.load(new LogicalRestore(streams, details.details(), data,
                        Optional.empty(), Map.of(), Optional.of(RecoveryTarget.immediate()), OptionalInt.of(port),
                        logs, request.listener(), repository.settings().parallelism(), request.options()));
                started = report.running();
                steps.add(new DrillReport.Step("load", Duration.ofNanos(System.nanoTime() - t),
                        streams.streams().size() + " streams, " + streams.bytesRead()
                                + " bytes, every chunk hash-checked; " + report.reached()));
            } else {
                DirectoryRestore.Outcome outcome = restore.run(entry, data);
                details.files().forEach((path, bytes) -> write(data, path, bytes));
                steps.add(new DrillReport.Step("restore", Duration.ofNanos(System.nanoTime() - t), outcome.files()
                        + " files, " + outcome.bytes() + " bytes, every chunk hash-checked"));
                t = System.nanoTime();
                RecoveryReport report = recovery.recover(data, details.details(), RecoveryTarget.immediate(),
                        OptionalInt.of(port), logs, request.listener());
                started = report.running();
                steps.add(new DrillReport.Step("recover", Duration.ofNanos(System.nanoTime() - t), report.reached()));
            }
            t = System.nanoTime();
            String checked = recovery.sanityCheck(data, port, details.details());
            steps.add(new DrillReport.Step("check", Duration.ofNanos(System.nanoTime() - t), checked));
        } finally {
            if (started) {
                long t = System.nanoTime();
                recovery.stop(data, details.details());
                steps.add(new DrillReport.Step("stop", Duration.ofNanos(System.nanoTime() - t), "server stopped"));
            }
            if (temporary) {
                deleteQuietly(sandbox);
            }
        }
        return new DrillReport(BackupId.of(entry.id()), steps, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Path temporarySandbox() {
        try {
            Path dir = Files.createTempDirectory("firedrill-drill-");
            // The database server may run as another OS user: it must be able to reach the data directory.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a drill sandbox: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(EngineOperations.class).warn("could not delete the drill sandbox {}: {}",
                    dir, e.getMessage());
        }
    }

    /** Starts continuous log archiving through the engine. */
    LogArchiver archiveLogs(LogArchiveRequest request) {
        BackupSource.Database db = request.source();
        EngineProvider provider = EngineRegistry.find(db.connection(), db.displayName(),
                repository.settings().engineProviders());
        Engine engine = provider.open(db.connection());
        try {
            return engine.archiveLogs(new EngineContext(logs, request.listener(), repository.settings().clock(),
                    request.options()));
        } catch (UnsupportedOperationException e) {
            engine.close();
            throw new PluginNotFoundException(e.getMessage(), "use an engine that streams logs, or archive_command");
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** A physical restore hands the engine no options: refuse them rather than ignore them. */
    private static void refuseOptions(CatalogEntry entry, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new InvalidConfigurationException("backup " + entry.id() + " is a physical " + entry.kind()
                    + " backup, whose restore takes no engine options; got " + options.keySet(),
                    "drop option(...) from the restore or drill");
        }
    }

    private static PhysicalBackup startBackup(Engine engine, BackupSource.Database db, EngineContext context) {
        try {
            return engine.startBackup(context);
        } catch (UnsupportedOperationException e) {
            throw new PluginNotFoundException(e.getMessage() + " (" + db.displayName() + ")",
                    "use an engine module that takes physical backups");
        }
    }

    private static void write(Path root, String relative, byte[] bytes) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root.toAbsolutePath().normalize()) && !path.startsWith(root)) {
            throw new FiredrillException(ErrorCode.CORRUPT_OBJECT, "engine file '" + relative
                    + "' would be written outside the restore target", "the backup's details are damaged");
        }
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }
}

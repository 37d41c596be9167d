package io.firedrill.core.drill;

import io.firedrill.api.BackupId;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.DrillReport;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ProgressListener;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.restore.DirectoryRestore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore drill for a directory backup: restore into a sandbox (every chunk hash-checked on the way), then
 * check that every entry of the manifest is there with its type, size and link target, and nothing else.
 */
public final class DirectoryDrill {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDrill.class);
    private final Repository repository;
    private final ProgressListener listener;

    /**
     * @param repository the open repository
     * @param listener progress receiver
     */
    public DirectoryDrill(Repository repository, ProgressListener listener) {
        this.repository = repository;
        this.listener = listener;
    }

    /** Runs the drill; a temporary sandbox ({@code sandbox == null}) is deleted afterwards. */
    public DrillReport run(CatalogEntry entry, Path sandbox) {
        long start = System.nanoTime();
        boolean temporary = sandbox == null;
        Path target = temporary ? temporaryDirectory() : sandbox;
        List<DrillReport.Step> steps = new ArrayList<>();
        try {
            long t = System.nanoTime();
            IndexFiles.Loaded loaded = repository.loadIndex();
            RepositoryIndex index = loaded.index();
            BlobReader reader = repository.newBlobReader();
            DirectoryRestore.prepareTarget(target);
            DirectoryRestore.Outcome outcome = new DirectoryRestore(reader, loaded,
                    repository.settings().parallelism(), repository.config().chunking().fileChunkSize(), listener)
                    .run(entry, target);
            steps.add(new DrillReport.Step("restore", Duration.ofNanos(System.nanoTime() - t),
                    outcome.files() + " files, " + outcome.bytes() + " bytes, every chunk hash-checked"));
            t = System.nanoTime();
            long checked = check(entry, target, index, reader);
            steps.add(new DrillReport.Step("check", Duration.ofNanos(System.nanoTime() - t),
                    checked + " entries match the manifest"));
        } finally {
            if (temporary) {
                deleteTree(target);
            }
        }
        return new DrillReport(BackupId.of(entry.id()), steps, Duration.ofNanos(System.nanoTime() - start));
    }

    private long check(CatalogEntry entry, Path root, RepositoryIndex index, BlobReader reader) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        long[] count = new long[1];
        List<BlobId> manifest = entry.manifest().stream().map(BlobId::parse).toList();
        ManifestReader.read(object, manifest, id -> index.find(id).orElseThrow(), reader, h -> { }, e -> {
            Path path = root.resolve(e.path());
            String problem = mismatch(path, e);
            if (problem != null) {
                throw new FiredrillException(ErrorCode.CORRUPT_OBJECT, "drill of backup " + entry.id()
                        + " failed: " + e.path() + " " + problem,
                        "run verify().readData(ReadData.all()) and restore from an older backup if needed");
            }
            count[0]++;
        });
        long found;
        try (Stream<Path> walk = Files.walk(root)) {
            found = walk.count() - 1;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (found != count[0]) {
            throw new CorruptObjectException(object, "the drill restored " + found + " entries but the manifest lists "
                    + count[0]);
        }
        return count[0];
    }

    private static String mismatch(Path path, ManifestEntry e) {
        try {
            return switch (e.type()) {
                case ManifestEntry.DIR -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? null : "is not a directory";
                case ManifestEntry.SYMLINK -> !Files.isSymbolicLink(path) ? "is not a symbolic link"
                        : Files.readSymbolicLink(path).toString().equals(e.target()) ? null : "points elsewhere";
                default -> !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? "is not a regular file"
                        : Files.size(path) == (e.size() == null ? 0 : e.size()) ? null : "has the wrong size";
            };
        } catch (IOException ex) {
            return "cannot be read: " + ex.getMessage();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("firedrill-drill-");
        } catch (IOException e) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "cannot create a drill sandbox: " + e.getMessage(),
                    "pass a sandbox directory with sandbox(path)", e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            PathUtils.deleteDirectory(root);
        } catch (IOException e) {
            LOG.warn("could not delete the drill sandbox {}: {}", root, e.getMessage());
        }
    }
}

package io.firedrill.core.copy;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.CopyReport;
import io.firedrill.api.CopyRequest;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.core.backup.EngineDetails;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.session.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the selected backups of one repository into another, under a shared lock on each. In order: the log
 * files of the streams the selected backups use (chunks, then entries), then each backup the destination lacks,
 * oldest first (its blobs, committed, then its catalog entry, after checking the destination lock). A crash at
 * any point leaves the destination with complete backups and complete log files only, plus unindexed or unused
 * data that the next run reuses (a present pack is not sent again) and {@code prune()} removes.
 */
public final class BackupCopy {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCopy.class);
    private final Repository source;
    private final Repository destination;
    private final Progress progress;

    /**
     * @param source the repository to copy from, opened with a key that can read it
     * @param destination the repository to copy into (a write-only key is enough)
     * @param progress the copy's progress
     */
    public BackupCopy(Repository source, Repository destination, Progress progress) {
        this.source = source;
        this.destination = destination;
        this.progress = progress;
    }

    /** Runs the copy. */
    public CopyReport run(CopyRequest request) {
        long start = System.nanoTime();
        source.requireRead();
        boolean sameKeys = source.sharesKeysWith(destination);
        if (!sameKeys || request.reencrypt()) {
            requireSameFileChunks();
        }
        String from = source.storage().describe();
        String to = destination.storage().describe();
        try (RepositoryLock sourceLock = source.lock(LockMode.SHARED, "copy to " + to);
             RepositoryLock destinationLock = destination.lock(LockMode.SHARED, "copy from " + from)) {
            Catalog sourceCatalog = catalog(source);
            Catalog destinationCatalog = catalog(destination);
            Catalog.Listing sourceListing = sourceCatalog.read();
            if (!sourceListing.damaged().isEmpty()) {
                LOG.warn("copy from {} skips damaged catalog entries {}; run verify() on the source", from,
                        sourceListing.damaged().keySet());
            }
            List<CatalogEntry> sourceEntries = sourceListing.entries();
            List<CatalogEntry> selected = CopySelection.select(sourceEntries, request,
                    destinationCatalog.pinned(), destination.settings().clock().instant(), from);
            Map<String, CatalogEntry> present = new HashMap<>();
            destinationCatalog.read().entries().forEach(e -> present.put(e.id(), e));
            List<CatalogEntry> missing = new ArrayList<>();
            List<BackupId> alreadyPresent = new ArrayList<>();
            for (CatalogEntry e : selected) {
                if (present.containsKey(e.id())) {
                    alreadyPresent.add(BackupId.of(e.id()));
                } else {
                    missing.add(e);
                }
            }
            RepositoryIndex sourceIndex = source.loadIndex().index();
            RepositoryIndex destinationIndex = destination.loadIndex().index();
            BlobReader sourceReader = source.newBlobReader();
            boolean reencrypt = !sameKeys || request.reencrypt();
            ReencryptingTransfer rekeyed = reencrypt
                    ? new ReencryptingTransfer(source, sourceIndex, destination, destinationIndex, progress) : null;
            try (BlobTransfer transfer = rekeyed != null ? rekeyed
                    : new PackTransfer(source, sourceIndex, destination, destinationIndex, progress)) {
                int logFiles = 0;
                LogCopy logs = new LogCopy(source, destination, transfer, progress);
                if (request.logs()) {
                    for (String stream : LogCopy.streams(selected, sourceIndex, sourceReader)) {
                        logFiles += logs.copy(stream);
                    }
                }
                if (rekeyed != null) {
                    seed(rekeyed, missing, sourceEntries, present, sourceIndex, sourceReader, destinationIndex);
                }
                List<BackupInfo> copied = new ArrayList<>();
                long entryBytes = 0;
                for (CatalogEntry entry : missing) {
                    progress.checkCancelled();
                    CatalogEntry there = rekeyed == null
                            ? keepIds(entry, transfer, sourceIndex, sourceReader)
                            : rewrite(entry, rekeyed, sourceIndex, sourceReader);
                    destinationLock.checkValid();
                    entryBytes += destinationCatalog.write(there);
                    copied.add(there.info());
                    LOG.info("copied backup {} of {} from {} to {}", entry.id(), entry.source(), from, to);
                }
                return new CopyReport(copied, alreadyPresent, reencrypt, logFiles,
                        transfer.bytesWritten() + logs.bytesWritten() + entryBytes,
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /** Both repositories share their keys: the source's entry is valid as it is once its blobs are there. */
    private static CatalogEntry keepIds(CatalogEntry entry, BlobTransfer transfer, RepositoryIndex sourceIndex,
                                        BlobReader sourceReader) {
        SourceBlobs.forEach(entry, sourceIndex, sourceReader, transfer::transfer);
        transfer.commit();
        return entry;
    }

    /** Different keys: a new manifest and details with the destination's ids, then an entry naming them. */
    private CatalogEntry rewrite(CatalogEntry entry, ReencryptingTransfer transfer, RepositoryIndex sourceIndex,
                                 BlobReader sourceReader) {
        List<BlobId> manifest = new ManifestRewrite(destination, transfer.store(), transfer, progress)
                .rewrite(entry, sourceIndex, sourceReader);
        List<String> details = null;
        if (entry.details() != null && !entry.details().isEmpty()) {
            byte[] document = EngineDetails.readDocument(entry, sourceIndex, sourceReader);
            details = EngineDetails.storeDocument(destination, transfer.store(), document).stream()
                    .map(BlobId::hex).toList();
        }
        transfer.commit();
        return new CatalogEntry(entry.version(), entry.id(), entry.source(), entry.kind(), entry.host(),
                entry.started(), entry.finished(), entry.tags(), entry.stats(), entry.metadata(),
                manifest.stream().map(BlobId::hex).toList(), details);
    }

    /**
     * Remembers the destination ids of the chunks of the newest backup of each source being copied that an
     * earlier run already copied, so unchanged chunks are not read again. Needs a destination key that reads.
     */
    private void seed(ReencryptingTransfer transfer, List<CatalogEntry> missing, List<CatalogEntry> all,
                      Map<String, CatalogEntry> present, RepositoryIndex sourceIndex, BlobReader sourceReader,
                      RepositoryIndex destinationIndex) {
        if (missing.isEmpty() || !destination.canRead()) {
            return;
        }
        Set<String> sources = new LinkedHashSet<>();
        missing.forEach(e -> sources.add(e.source()));
        BlobReader destinationReader = destination.newBlobReader();
        for (String name : sources) {
            CatalogEntry newest = null;
            for (CatalogEntry e : all) {
                if (e.source().equals(name) && present.containsKey(e.id())) {
                    newest = e;
                }
            }
            if (newest != null) {
                TranslationSeed.pair(newest, sourceIndex, sourceReader, present.get(newest.id()), destinationIndex,
                        destinationReader).forEach(transfer::remember);
            }
        }
    }

    private void requireSameFileChunks() {
        int here = source.config().chunking().fileChunkSize();
        int there = destination.config().chunking().fileChunkSize();
        if (here != there) {
            throw new InvalidConfigurationException("the destination " + destination.storage().describe()
                    + " cuts files into " + there + "-byte chunks and the source " + source.storage().describe()
                    + " into " + here + "-byte chunks; a re-encrypting copy keeps the chunks as they are",
                    "create the destination with chunking(Chunking.defaults().withFileChunkSize(" + here
                            + ")), or with initCopyOf(source, ...)");
        }
    }

    private static Catalog catalog(Repository repository) {
        return new Catalog(repository.storage(), repository.documents(), repository.settings().parallelism());
    }
}

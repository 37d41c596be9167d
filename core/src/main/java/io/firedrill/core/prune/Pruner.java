package io.firedrill.core.prune;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.PruneReport;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.index.IndexWriter;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.json.Json;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.logs.LogCatalog;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.retention.RetentionRules;
import io.firedrill.core.session.Progress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets backups a policy no longer keeps and deletes the data no remaining backup needs, in an order that a
 * crash at any point cannot turn into a dangling reference:
 * <ol>
 *   <li>delete the catalog entries of forgotten backups;</li>
 *   <li>rewrite the blobs still used from mostly-unused packs into new packs (with their index files);</li>
 *   <li>write a new, complete index of what remains, then delete the old index files;</li>
 *   <li>only then delete packs no index names any more.</li>
 * </ol>
 * Runs under the exclusive lock, so no backup is writing meanwhile.
 */
public final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
    private static final double REPACK_UNUSED_SHARE = 0.25;
    private static final int BLOBS_PER_INDEX_FILE = 50_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Repository repository;
    private final Storage storage;
    private final Progress progress;
    private final RepositoryLock lock;

    /**
     * @param repository the open repository (with a key that can read)
     * @param listener progress receiver
     * @param lock the lock held (exclusive unless this is a dry run), checked before each batch of deletions
     */
    public Pruner(Repository repository, ProgressListener listener, RepositoryLock lock) {
        this.repository = repository;
        this.lock = lock;
        this.storage = repository.storage();
        this.progress = new Progress(Operation.PRUNE, listener);
    }

    /** Runs the prune. */
    public PruneReport run(RetentionPolicy policy, boolean dryRun, Instant now) {
        long start = System.nanoTime();
        repository.requireRead();
        Catalog catalog = new Catalog(storage, repository.documents(), repository.settings().parallelism());
        Catalog.Listing listing = catalog.read();
        if (!listing.damaged().isEmpty()) {
            throw refuse("catalog entries are damaged: " + listing.damaged().keySet());
        }
        RetentionPlan plan = RetentionRules.plan(listing.entries().stream().map(CatalogEntry::info).toList(),
                catalog.pinned(), policy, now);
        Set<BackupId> forgotten = new HashSet<>();
        plan.forget().forEach(b -> forgotten.add(b.id()));

        IndexFiles.Loaded loaded = repository.loadIndex();
        if (!loaded.damaged().isEmpty()) {
            throw refuse("index files are damaged: " + loaded.damaged().keySet());
        }
        RepositoryIndex index = loaded.index();
        BlobReader reader = repository.newBlobReader();
        Set<BlobId> used = new HashSet<>();
        for (CatalogEntry entry : listing.entries()) {
            if (!forgotten.contains(BackupId.of(entry.id()))) {
                collectUsed(entry, index, reader, used);
                progress.checkCancelled();
            }
        }
        LogCatalog.Listing logs = LogCatalog.read(repository);
        if (!logs.damaged().isEmpty()) {
            throw refuse("log entries are damaged: " + logs.damaged().keySet());
        }
        // Archived logs are kept whole for now: every chunk they name stays.
        logs.entries().values().forEach(e -> e.chunks().forEach(hex -> used.add(BlobId.parse(hex))));
        Usage usage = Usage.of(index, used);
        Set<String> listed = new HashSet<>();
        Map<String, Long> sizes = new HashMap<>();
        storage.list(RepositoryLayout.DATA, info -> {
            listed.add(info.name());
            sizes.put(info.name(), info.size());
        });
        Set<String> unindexed = new HashSet<>(listed);
        index.packs().forEach(p -> unindexed.remove(p.objectName()));

        List<PackRef> doomed = new ArrayList<>(usage.unused());
        List<PackRef> repack = usage.worthRepacking(REPACK_UNUSED_SHARE);
        long deletedBytes = 0;
        for (PackRef p : doomed) {
            deletedBytes += sizes.getOrDefault(p.objectName(), 0L);
        }
        for (String name : unindexed) {
            deletedBytes += sizes.getOrDefault(name, 0L);
        }
        long deletedObjects = doomed.size() + unindexed.size() + forgotten.size();
        if (dryRun) {
            return new PruneReport(true, plan, deletedObjects, deletedBytes, repack.size(),
                    Duration.ofNanos(System.nanoTime() - start));
        }

        lock.checkValid();
        for (BackupInfo b : plan.forget()) {
            catalog.delete(b.id());
            LOG.info("forgot backup {} of {}", b.id(), b.source());
        }
        repack(repack, usage, reader);
        writeIndex(usage, repack);
        lock.checkValid();
        for (String old : loaded.files()) {
            storage.delete(old);
        }
        for (PackRef p : repack) {
            deletedBytes += sizes.getOrDefault(p.objectName(), 0L);
        }
        lock.checkValid();
        for (PackRef p : doomed) {
            storage.delete(p.objectName());
        }
        for (PackRef p : repack) {
            storage.delete(p.objectName());
        }
        for (String name : unindexed) {
            storage.delete(name);
        }
        return new PruneReport(false, plan, deletedObjects + repack.size(), deletedBytes, repack.size(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void collectUsed(CatalogEntry entry, RepositoryIndex index, BlobReader reader, Set<BlobId> used) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        List<BlobId> manifest = entry.manifest().stream().map(BlobId::parse).toList();
        used.addAll(manifest);
        // An engine backup's details (positions, backup_label) are blobs its manifest does not name.
        if (entry.details() != null) {
            entry.details().forEach(hex -> used.add(BlobId.parse(hex)));
        }
        ManifestReader.read(object, manifest, id -> index.find(id).orElseThrow(() -> refuse(object
                + " needs manifest blob " + id + ", which no index lists")), reader, header -> { }, e -> {
                    if (e.chunks() != null) {
                        for (String hex : e.chunks()) {
                            if (hex != null) {
                                used.add(BlobId.parse(hex));
                            }
                        }
                    }
                });
    }

    /** Copies the used blobs of mostly-unused packs into new packs, indexed by index files of their own. */
    private void repack(List<PackRef> packs, Usage usage, BlobReader reader) {
        if (packs.isEmpty()) {
            return;
        }
        RepositoryIndex fresh = new RepositoryIndex();
        try (BlobStore store = repository.newBlobStore(fresh)) {
            for (PackRef pack : packs) {
                for (Map.Entry<BlobId, BlobLocation> blob : usage.usedIn(pack).entrySet()) {
                    byte[] plain = reader.read(blob.getKey(), blob.getValue());
                    store.store(blob.getValue().type(), blob.getKey(), plain, 0, plain.length);
                }
                progress.checkCancelled();
            }
            store.flush();
        }
    }

    /** Writes index files naming every used blob of the packs that stay. */
    private void writeIndex(Usage usage, List<PackRef> repacked) {
        Set<PackRef> gone = new HashSet<>(repacked);
        Map<PackRef, List<Map.Entry<BlobId, BlobLocation>>> batch = new LinkedHashMap<>();
        int count = 0;
        for (PackRef pack : usage.kept()) {
            if (gone.contains(pack)) {
                continue;
            }
            List<Map.Entry<BlobId, BlobLocation>> blobs = new ArrayList<>(usage.usedIn(pack).entrySet());
            batch.put(pack, blobs);
            count += blobs.size();
            if (count >= BLOBS_PER_INDEX_FILE) {
                writeIndexFile(batch);
                batch.clear();
                count = 0;
            }
        }
        if (!batch.isEmpty()) {
            writeIndexFile(batch);
        }
    }

    private void writeIndexFile(Map<PackRef, List<Map.Entry<BlobId, BlobLocation>>> contents) {
        byte[] sealed = repository.documents().seal(Json.write(RepositoryIndex.document(contents)),
                IndexWriter.CONTEXT);
        byte[] name = new byte[16];
        RANDOM.nextBytes(name);
        storage.put(RepositoryLayout.INDEX + HexFormat.of().formatHex(name), Payload.of(sealed));
    }

    private FiredrillException refuse(String why) {
        return new FiredrillException(ErrorCode.CORRUPT_OBJECT, "prune refused to delete anything: " + why,
                "run verify() to see the damage; prune deletes nothing until the repository is consistent");
    }
}

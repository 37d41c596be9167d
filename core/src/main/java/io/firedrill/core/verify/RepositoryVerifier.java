package io.firedrill.core.verify;

import io.firedrill.api.BackupId;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.logs.LogCatalog;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.ObjectBytes;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.session.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks a repository. Structure: every key file, index file and catalog entry opens, every manifest reads,
 * every chunk a manifest names is indexed, every pack the index names exists. Read-data: the chosen packs are read whole
 * and every byte is checked. Each problem names the object and every backup it affects.
 */
public final class RepositoryVerifier {
    private final Repository repository;
    private final Progress progress;
    private final ProblemLog log = new ProblemLog();
    /** Why a needed chunk is unindexed: no index lists it, or the index files that could are unreadable. */
    private volatile String unindexedReason = "needs a chunk no index lists";

    /**
     * @param repository the open repository (with a key that can read)
     * @param listener progress receiver
     */
    public RepositoryVerifier(Repository repository, ProgressListener listener) {
        this.repository = repository;
        this.progress = new Progress(Operation.VERIFY, listener);
    }

    /** Runs the check. */
    public VerifyReport run(ReadData readData) {
        long start = System.nanoTime();
        repository.requireRead();
        repository.damagedKeyFiles().forEach((name, why) -> log.report(name, VerifyReport.Kind.CORRUPT, why,
                Set.of()));
        IndexFiles.Loaded loaded = repository.loadIndex();
        loaded.damaged().forEach((name, why) -> log.report(name, VerifyReport.Kind.CORRUPT, why, Set.of()));
        unindexedReason = loaded.damaged().isEmpty() ? "needs a chunk no index lists"
                : "needs a chunk no readable index lists (" + loaded.damaged().size() + " index file(s) could not be "
                        + "read, any of which may list it: " + String.join("; ", new java.util.TreeMap<>(
                                loaded.damaged()).values()) + ")";
        RepositoryIndex index = loaded.index();
        Catalog.Listing listing = new Catalog(repository.storage(), repository.documents(),
                repository.settings().parallelism()).read();
        listing.damaged().forEach((name, why) -> log.report(name, VerifyReport.Kind.CORRUPT, why,
                affectedByEntry(name)));

        Map<String, Set<BackupId>> packUsers = new ConcurrentHashMap<>();
        Set<BackupId> unindexedUsers = ConcurrentHashMap.newKeySet();
        BlobReader reader = repository.newBlobReader();
        Workers.forEach(listing.entries(), repository.settings().parallelism(),
                entry -> walkBackup(entry, index, reader, packUsers, unindexedUsers));
        LogCatalog.Listing logs = LogCatalog.read(repository);
        logs.damaged().forEach((name, why) -> log.report(name, VerifyReport.Kind.CORRUPT, why, Set.of()));
        logs.entries().forEach((name, entry) -> entry.chunks().forEach(hex -> {
            BlobId blob = BlobId.parse(hex);
            BlobLocation location = index.find(blob).orElse(null);
            if (location == null) {
                log.report("blob " + hex, VerifyReport.Kind.UNINDEXED, name + " " + unindexedReason, Set.of());
            } else {
                packUsers.computeIfAbsent(location.pack().id(), k -> ConcurrentHashMap.newKeySet());
            }
        }));
        if (!unindexedUsers.isEmpty()) {
            loaded.damaged().keySet().forEach(name -> log.affect(name, unindexedUsers));
        }

        Map<String, Long> present = new HashMap<>();
        repository.storage().list(RepositoryLayout.DATA, info -> present.put(info.name(), info.size()));
        long checked = 0;
        List<PackRef> readable = new ArrayList<>();
        for (PackRef pack : index.packs()) {
            checked++;
            String object = pack.objectName();
            if (present.containsKey(object) || repository.storage().head(object).isPresent()) {
                readable.add(pack);
            } else {
                log.report(object, VerifyReport.Kind.MISSING, "the index lists this pack but the storage lacks it",
                        packUsers.getOrDefault(pack.id(), Set.of()));
            }
        }
        AtomicLong objectsRead = new AtomicLong();
        AtomicLong bytesRead = new AtomicLong();
        readData(readData, readable, present, index, reader, packUsers, objectsRead, bytesRead);
        return new VerifyReport(listing.entries().size(), checked + loaded.files().size()
                + listing.entries().size(), objectsRead.get(), bytesRead.get(), log.problems(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Set<BackupId> affectedByEntry(String name) {
        String id = name.substring(RepositoryLayout.BACKUPS.length());
        return BackupId.isValid(id) ? Set.of(BackupId.of(id)) : Set.of();
    }

    private void walkBackup(CatalogEntry entry, RepositoryIndex index, BlobReader reader,
                            Map<String, Set<BackupId>> packUsers, Set<BackupId> unindexedUsers) {
        BackupId id = BackupId.of(entry.id());
        Set<BackupId> self = Set.of(id);
        String object = RepositoryLayout.BACKUPS + entry.id();
        List<BlobId> manifest = new ArrayList<>();
        for (String hex : entry.manifest()) {
            manifest.add(BlobId.parse(hex));
        }
        try {
            for (BlobId blob : manifest) {
                use(index, blob, id, packUsers, unindexedUsers, object);
            }
            if (entry.details() != null) {
                for (String hex : entry.details()) {
                    use(index, BlobId.parse(hex), id, packUsers, unindexedUsers, object);
                }
            }
            ManifestReader.read(object, manifest, blob -> index.find(blob).orElseThrow(() ->
                    new ObjectNotFoundException("blob " + blob, "the index")), reader, header -> { }, e -> {
                        progress.checkCancelled();
                        if (e.chunks() != null) {
                            for (String hex : e.chunks()) {
                                if (hex != null) {
                                    use(index, BlobId.parse(hex), id, packUsers, unindexedUsers, object);
                                }
                            }
                        }
                    });
        } catch (CorruptObjectException e) {
            log.report(e.objectName(), VerifyReport.Kind.CORRUPT, e.getMessage(), self);
        } catch (ObjectNotFoundException e) {
            log.report(e.objectName(), VerifyReport.Kind.MISSING, e.getMessage(), self);
        } catch (io.firedrill.api.StorageException e) {
            log.report(object, VerifyReport.Kind.MISSING, "its manifest could not be read: " + e.getMessage(), self);
        }
    }

    private void use(RepositoryIndex index, BlobId blob, BackupId backup, Map<String, Set<BackupId>> packUsers,
                     Set<BackupId> unindexedUsers, String object) {
        BlobLocation location = index.find(blob).orElse(null);
        if (location == null) {
            unindexedUsers.add(backup);
            log.report("blob " + blob.hex(), VerifyReport.Kind.UNINDEXED, object + " " + unindexedReason,
                    Set.of(backup));
            return;
        }
        packUsers.computeIfAbsent(location.pack().id(), k -> ConcurrentHashMap.newKeySet()).add(backup);
    }

    private void readData(ReadData readData, List<PackRef> packs, Map<String, Long> sizes, RepositoryIndex index,
                          BlobReader reader, Map<String, Set<BackupId>> packUsers, AtomicLong objectsRead,
                          AtomicLong bytesRead) {
        List<PackRef> chosen = choose(readData, packs, sizes);
        progress.total(chosen.stream().mapToLong(p -> sizes.getOrDefault(p.objectName(), 0L)).sum());
        if (chosen.isEmpty()) {
            return;
        }
        Map<String, Map<BlobId, BlobLocation>> byPack = new HashMap<>();
        index.blobs().forEach((id, loc) -> byPack.computeIfAbsent(loc.pack().id(), k -> new HashMap<>()).put(id, loc));
        Workers.forEach(chosen, repository.settings().parallelism(), pack -> {
            progress.checkCancelled();
            String object = pack.objectName();
            try {
                byte[] bytes = ObjectBytes.read(repository.storage(), object);
                objectsRead.incrementAndGet();
                bytesRead.addAndGet(bytes.length);
                progress.add(bytes.length);
                PackCheck.check(pack, bytes, byPack.getOrDefault(pack.id(), Map.of()), reader,
                        repository.packKeys());
            } catch (CorruptObjectException e) {
                log.report(object, VerifyReport.Kind.CORRUPT, e.getMessage(), packUsers.getOrDefault(pack.id(),
                        Set.of()));
            } catch (ObjectNotFoundException e) {
                log.report(object, VerifyReport.Kind.MISSING, e.getMessage(), packUsers.getOrDefault(pack.id(),
                        Set.of()));
            }
        });
    }

    private static List<PackRef> choose(ReadData readData, List<PackRef> packs, Map<String, Long> sizes) {
        List<PackRef> shuffled = new ArrayList<>(packs);
        Collections.shuffle(shuffled, new Random());
        if (readData instanceof ReadData.Percent p) {
            if (p.percent() >= 100) {
                return packs;
            }
            if (p.percent() <= 0) {
                return List.of();
            }
            int n = (int) Math.max(1, Math.round(packs.size() * p.percent() / 100.0));
            return shuffled.subList(0, Math.min(n, shuffled.size()));
        }
        long budget = ((ReadData.Budget) readData).bytes();
        List<PackRef> chosen = new ArrayList<>();
        long total = 0;
        for (PackRef pack : shuffled) {
            if (total >= budget) {
                break;
            }
            chosen.add(pack);
            total += sizes.getOrDefault(pack.objectName(), 0L);
        }
        return chosen;
    }
}

package io.firedrill.core.catalog;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupSelector;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.json.Json;
import io.firedrill.core.repository.ObjectBytes;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.repository.SealedDocuments;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The list of backups: one sealed entry per backup under {@code backups/}, and pins under {@code pins/}. */
public final class Catalog {
    private final Storage storage;
    private final SealedDocuments documents;
    private final int parallelism;

    /**
     * @param storage the repository storage
     * @param documents the metadata sealer
     * @param parallelism concurrent reads
     */
    public Catalog(Storage storage, SealedDocuments documents, int parallelism) {
        this.storage = storage;
        this.documents = documents;
        this.parallelism = parallelism;
    }

    /**
     * Every readable entry, oldest first, and the damaged ones by object name.
     *
     * @param entries readable entries, oldest first
     * @param damaged object name to the reason it could not be read
     */
    public record Listing(List<CatalogEntry> entries, Map<String, String> damaged) {
    }

    /** Reads every entry. */
    public Listing read() {
        List<String> names = new ArrayList<>();
        Map<String, String> damaged = new ConcurrentHashMap<>();
        storage.list(RepositoryLayout.BACKUPS, info -> {
            if (BackupId.isValid(info.name().substring(RepositoryLayout.BACKUPS.length()))) {
                names.add(info.name());
            } else {
                damaged.put(info.name(), "a stray object: its name is not a backup id");
            }
        });
        Map<String, CatalogEntry> found = new ConcurrentHashMap<>();
        Workers.forEach(names, parallelism, name -> {
            try {
                found.put(name, read(name));
            } catch (CorruptObjectException e) {
                damaged.put(name, e.getMessage());
            } catch (ObjectNotFoundException e) {
                // forgotten between list and read: not a backup any more
            }
        });
        List<CatalogEntry> entries = new ArrayList<>(found.values());
        // Ids carry the start time only to the second: order by the full start time, then by id.
        entries.sort(Comparator.comparing((CatalogEntry e) -> Instant.parse(e.started()))
                .thenComparing(CatalogEntry::id));
        return new Listing(entries, Map.copyOf(damaged));
    }

    /** Every readable backup, oldest first. */
    public List<BackupInfo> list() {
        return read().entries().stream().map(CatalogEntry::info).toList();
    }

    /** Reads one entry by id. */
    public CatalogEntry get(BackupId id) {
        try {
            return read(objectName(id));
        } catch (ObjectNotFoundException e) {
            throw notFound(id.value());
        }
    }

    /** Resolves a selector to an entry. */
    public CatalogEntry select(BackupSelector selector) {
        if (selector instanceof BackupSelector.ById byId) {
            return get(byId.id());
        }
        String source = ((BackupSelector.Latest) selector).source();
        Listing listing = read();
        List<CatalogEntry> entries = listing.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            CatalogEntry candidate = entries.get(i);
            if (source == null || candidate.source().equals(source)) {
                refuseIfNewerIsDamaged(candidate, listing.damaged().keySet());
                return candidate;
            }
        }
        throw new FiredrillException(ErrorCode.BACKUP_NOT_FOUND,
                source == null ? "the repository " + storage.describe() + " holds no backup"
                        : "the repository " + storage.describe() + " holds no backup of source '" + source + "'",
                "take a backup first, or list() the backups and pick one by id");
    }

    /**
     * "Latest" must not silently mean "latest readable": a damaged entry whose id (its start time) is newer
     * than the candidate may be the backup the caller wanted.
     */
    private void refuseIfNewerIsDamaged(CatalogEntry candidate, java.util.Set<String> damaged) {
        for (String name : damaged) {
            String id = name.substring(RepositoryLayout.BACKUPS.length());
            if (BackupId.isValid(id) && id.compareTo(candidate.id()) > 0) {
                throw new CorruptObjectException(name, "it may be the latest backup, so the latest readable one ("
                        + candidate.id() + ") was not chosen silently; restore that one by id if it is what you want");
            }
        }
    }

    /** Writes an entry: the moment the backup starts to exist. */
    public long write(CatalogEntry entry) {
        byte[] sealed = documents.seal(Json.write(entry), context(entry.id()));
        storage.put(objectName(BackupId.of(entry.id())), Payload.of(sealed));
        return sealed.length;
    }

    /** Deletes an entry: the moment the backup stops existing (its data goes at the next prune). */
    public void delete(BackupId id) {
        storage.delete(objectName(id));
    }

    /** Pins or unpins a backup. */
    public void pin(BackupId id, boolean pinned) {
        if (pinned) {
            get(id);
            storage.put(RepositoryLayout.PINS + id.value(), Payload.of(new byte[0]));
        } else {
            storage.delete(RepositoryLayout.PINS + id.value());
        }
    }

    /** The pinned ids. */
    public Set<BackupId> pinned() {
        Set<BackupId> ids = new HashSet<>();
        storage.list(RepositoryLayout.PINS, info -> {
            String id = info.name().substring(RepositoryLayout.PINS.length());
            if (BackupId.isValid(id)) {
                ids.add(BackupId.of(id));
            }
        });
        return ids;
    }

    private CatalogEntry read(String name) {
        String id = name.substring(RepositoryLayout.BACKUPS.length());
        byte[] json = documents.open(ObjectBytes.read(storage, name), context(id), name);
        try {
            CatalogEntry entry = Json.read(json, CatalogEntry.class);
            if (entry.version() != 1 || !id.equals(entry.id())) {
                throw new CorruptObjectException(name, "entry version " + entry.version() + " for id " + entry.id());
            }
            if (entry.manifest() == null || entry.manifest().isEmpty() || entry.stats() == null) {
                throw new CorruptObjectException(name, "the entry names no manifest");
            }
            entry.manifest().forEach(io.firedrill.core.index.BlobId::parse);
            entry.info();
            return entry;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptObjectException c) {
                throw c;
            }
            throw new CorruptObjectException(name, "malformed catalog entry: " + e.getMessage(), e);
        }
    }

    private static String objectName(BackupId id) {
        return RepositoryLayout.BACKUPS + id.value();
    }

    private static String context(String id) {
        return "firedrill backup " + id;
    }

    private FiredrillException notFound(String id) {
        return new FiredrillException(ErrorCode.BACKUP_NOT_FOUND,
                "backup " + id + " is not in the repository " + storage.describe(),
                "list() shows the backups the repository holds; a pruned backup is gone");
    }
}

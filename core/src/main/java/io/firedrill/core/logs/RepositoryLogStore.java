package io.firedrill.core.logs;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.json.Json;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.ObjectBytes;
import io.firedrill.core.repository.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The repository's log archive: each file is cut into fixed-size chunks stored as data blobs, then described by a
 * sealed entry at {@code logs/<stream>/<name>}, written last. Every {@link #put} holds the shared lock while it
 * writes, so prune never runs beside it. Log chunks are not deduplicated against older data (log files rarely
 * repeat), which keeps a put independent of the size of the repository's index.
 */
public final class RepositoryLogStore implements LogStore {
    private static final String CONTEXT = "firedrill log ";

    private final Repository repository;
    private final Storage storage;
    private final int chunkSize;
    private volatile RepositoryIndex readIndex;

    /** @param repository the open repository */
    public RepositoryLogStore(Repository repository) {
        this.repository = repository;
        this.storage = repository.storage();
        this.chunkSize = repository.config().chunking().fileChunkSize();
    }

    @Override
    public PutOutcome put(String stream, String name, InputStream content) {
        String object = LogNames.objectName(stream, name);
        try (RepositoryLock lock = repository.lock(LockMode.SHARED, "log archive of " + stream)) {
            Optional<LogEntry> existing = entry(object);
            if (existing.isPresent() && !LogNames.isPartial(name)) {
                return compare(existing.get(), content, object);
            }
            // A partial file grows: chunks its previous version (or the .partial of a now complete file) already
            // holds are durable and indexed, so only the new tail is stored.
            Set<String> reusable = new HashSet<>();
            existing.ifPresent(e -> reusable.addAll(e.chunks()));
            if (!LogNames.isPartial(name)) {
                entry(LogNames.objectName(stream, name + ".partial")).ifPresent(e -> reusable.addAll(e.chunks()));
            }
            LogEntry entry;
            try (BlobStore store = repository.newBlobStore(new RepositoryIndex())) {
                entry = storeChunks(stream, name, content, store, reusable);
                store.flush();
            }
            lock.checkValid();
            write(object, entry);
            return existing.isPresent() ? PutOutcome.REPLACED : PutOutcome.STORED;
        }
    }

    @Override
    public Optional<LogFile> find(String stream, String name) {
        return entry(LogNames.objectName(stream, name)).map(LogStoreViews::file);
    }

    @Override
    public void fetch(String stream, String name, Path target) {
        String object = LogNames.objectName(stream, name);
        LogEntry entry = entry(object).orElseThrow(() -> new ObjectNotFoundException(object, storage.describe()));
        BlobReader reader = repository.newBlobReader();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".firedrill-tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            for (String hex : entry.chunks()) {
                BlobId id = BlobId.parse(hex);
                out.write(reader.read(id, locate(id, object)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
        }
        try {
            if (Files.size(temporary) != entry.size()) {
                throw new CorruptObjectException(object, "its chunks add up to " + Files.size(temporary)
                        + " bytes, the entry says " + entry.size());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("moving " + name + " into place at " + target + " failed", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the failure being reported matters more than a leftover temporary file
            }
        }
    }

    @Override
    public List<LogFile> list(String stream) {
        List<LogFile> files = new ArrayList<>();
        for (String object : objects(stream)) {
            entry(object).ifPresent(e -> files.add(LogStoreViews.file(e)));
        }
        files.sort(Comparator.comparing(LogFile::name));
        return files;
    }

    @Override
    public void delete(String stream, String name) {
        storage.delete(LogNames.objectName(stream, name));
    }

    /**
     * Seals and writes an entry at {@code object} (its chunks must already be durable and indexed); returns the
     * bytes written.
     */
    public long write(String object, LogEntry entry) {
        byte[] sealed = repository.documents().seal(Json.write(entry), CONTEXT + object);
        storage.put(object, Payload.of(sealed));
        return sealed.length;
    }

    /** The object names of every archived file of a stream. */
    public List<String> objects(String stream) {
        List<String> names = new ArrayList<>();
        storage.list(LogNames.prefix(stream), info -> names.add(info.name()));
        names.sort(null);
        return names;
    }

    /** Reads an entry; {@code Optional.empty()} when there is none. */
    public Optional<LogEntry> entry(String object) {
        byte[] sealed;
        try {
            sealed = ObjectBytes.read(storage, object);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(LogStoreViews.parse(repository.documents().open(sealed, CONTEXT + object, object), object));
    }

    private LogEntry storeChunks(String stream, String name, InputStream content, BlobStore store,
                                 Set<String> reusable) {
        List<String> chunks = new ArrayList<>();
        byte[] buffer = new byte[chunkSize];
        long size = 0;
        try {
            int n;
            while ((n = content.readNBytes(buffer, 0, chunkSize)) > 0) {
                BlobId id = BlobId.of(repository.hasher().hash(buffer, 0, n));
                if (!reusable.contains(id.hex())) {
                    store.store(BlobType.DATA, id, buffer, 0, n);
                }
                chunks.add(id.hex());
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading log file " + name + " failed: " + e.getMessage(), e);
        }
        return new LogEntry(1, stream, name, size, repository.settings().clock().instant().toString(), chunkSize,
                chunks);
    }

    private PutOutcome compare(LogEntry existing, InputStream content, String object) {
        byte[] buffer = new byte[existing.chunkSize()];
        List<String> ids = new ArrayList<>();
        try {
            int n;
            while ((n = content.readNBytes(buffer, 0, buffer.length)) > 0) {
                ids.add(BlobId.of(repository.hasher().hash(buffer, 0, n)).hex());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading log file " + existing.name() + " failed: " + e.getMessage(), e);
        }
        if (ids.equals(existing.chunks())) {
            return PutOutcome.ALREADY_PRESENT;
        }
        throw new FiredrillException(ErrorCode.LOG_CONFLICT, "log file " + existing.name() + " of stream "
                + existing.stream() + " is already archived in " + object + " with different content; nothing was changed",
                "two servers may be archiving into the same stream, or the server's history diverged; check that "
                        + "each cluster archives to its own stream and repository");
    }

    private BlobLocation locate(BlobId id, String object) {
        RepositoryIndex index = readIndex;
        if (index == null || !index.contains(id)) {
            index = repository.loadIndex().index();
            readIndex = index;
        }
        return index.find(id).orElseThrow(() -> new ObjectNotFoundException("blob " + id + " of " + object,
                "the repository index"));
    }
}

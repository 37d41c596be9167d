package io.firedrill.core.copy;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.IndexWriter;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.session.Progress;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies packs byte for byte, without decrypting them, between repositories that share their master keys: a
 * blob the destination lacks brings its whole source pack along (streamed, never held in memory), and the
 * destination gets index files naming the blobs the source's index lists for those packs. A pack already
 * present at the destination (left by an interrupted copy) is not sent again, only indexed: puts are atomic,
 * so a present pack is complete.
 */
final class PackTransfer implements BlobTransfer {
    private final Repository source;
    private final RepositoryIndex sourceIndex;
    private final Storage destination;
    private final RepositoryIndex destinationIndex;
    private final IndexWriter indexWriter;
    private final int parallelism;
    private final Progress progress;
    private final Set<PackRef> pending = new LinkedHashSet<>();
    private final AtomicLong packBytes = new AtomicLong();
    private Map<String, Map<BlobId, BlobLocation>> sourceBlobsByPack;

    PackTransfer(Repository source, RepositoryIndex sourceIndex, Repository destination,
                 RepositoryIndex destinationIndex, Progress progress) {
        this.source = source;
        this.sourceIndex = sourceIndex;
        this.destination = destination.storage();
        this.destinationIndex = destinationIndex;
        this.indexWriter = new IndexWriter(destination.storage(), destination.documents(), destinationIndex);
        this.parallelism = destination.settings().parallelism();
        this.progress = progress;
    }

    @Override
    public synchronized BlobId transfer(BlobId id) {
        if (!destinationIndex.contains(id)) {
            BlobLocation location = sourceIndex.find(id).orElseThrow(() -> new CorruptObjectException(
                    "blob " + id, "a backup being copied needs it, but no index file of "
                    + source.storage().describe() + " lists it; run verify() on the source"));
            pending.add(location.pack());
        }
        return id;
    }

    @Override
    public void commit() {
        List<PackRef> packs;
        synchronized (this) {
            packs = new ArrayList<>(pending);
            pending.clear();
        }
        if (packs.isEmpty()) {
            return;
        }
        Map<String, Map<BlobId, BlobLocation>> byPack = sourceBlobsByPack();
        Workers.forEach(packs, parallelism, pack -> {
            progress.checkCancelled();
            copyPack(pack);
            indexWriter.added(pack, byPack.getOrDefault(pack.id(), Map.of()));
        });
        indexWriter.flush();
    }

    @Override
    public boolean keepsIds() {
        return true;
    }

    @Override
    public long bytesWritten() {
        return packBytes.get() + indexWriter.storedBytes();
    }

    @Override
    public void close() {
        // nothing runs in the background between commits
    }

    private void copyPack(PackRef pack) {
        String object = pack.objectName();
        if (destination.head(object).isPresent()) {
            return;
        }
        Storage from = source.storage();
        long length = from.head(object).map(ObjectInfo::size).orElseThrow(() -> new CorruptObjectException(object,
                "the index of " + from.describe() + " lists this pack, but the storage lacks it; run verify() on"
                        + " the source"));
        destination.put(object, new Payload() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() {
                return from.get(object);
            }
        });
        packBytes.addAndGet(length);
        progress.add(length);
    }

    /** The blobs the source's index lists for each pack, built once. */
    private synchronized Map<String, Map<BlobId, BlobLocation>> sourceBlobsByPack() {
        if (sourceBlobsByPack == null) {
            Map<String, Map<BlobId, BlobLocation>> byPack = new HashMap<>();
            sourceIndex.blobs().forEach((id, loc) -> byPack.computeIfAbsent(loc.pack().id(),
                    k -> new LinkedHashMap<>()).put(id, loc));
            sourceBlobsByPack = byPack;
        }
        return sourceBlobsByPack;
    }
}

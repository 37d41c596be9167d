package io.firedrill.core.copy;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.session.Progress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves chunks between repositories with different keys: read and check each chunk at the source, hash its
 * plaintext with the destination's id key (its id there), and store it through the destination's blob store,
 * which compresses, seals with a fresh session key and packs it, and skips chunks the destination already has.
 * Remembers each source id's destination id, so a chunk shared by several backups is read once per copy;
 * {@link TranslationSeed} fills that memory from backups copied earlier. Thread-safe.
 */
final class ReencryptingTransfer implements BlobTransfer {
    private final RepositoryIndex sourceIndex;
    private final BlobReader sourceReader;
    private final String sourceName;
    private final Repository destination;
    private final BlobStore store;
    private final Progress progress;
    private final Map<BlobId, BlobId> translated = new ConcurrentHashMap<>();

    ReencryptingTransfer(Repository source, RepositoryIndex sourceIndex, Repository destination,
                         RepositoryIndex destinationIndex, Progress progress) {
        this.sourceIndex = sourceIndex;
        this.sourceReader = source.newBlobReader();
        this.sourceName = source.storage().describe();
        this.destination = destination;
        this.store = destination.newBlobStore(destinationIndex);
        this.progress = progress;
    }

    /** Records that source blob {@code from} is blob {@code to} at the destination (from a backup copied earlier). */
    void remember(BlobId from, BlobId to) {
        translated.put(from, to);
    }

    @Override
    public BlobId transfer(BlobId id) {
        // Known ids are indexed at the destination (seeded from committed backups) or queued in this store, which
        // makes them durable at the next commit, before any entry naming them is written.
        BlobId known = translated.get(id);
        if (known != null) {
            return known;
        }
        BlobLocation location = sourceIndex.find(id).orElseThrow(() -> new CorruptObjectException("blob " + id,
                "a backup being copied needs it, but no index file of " + sourceName + " lists it; run verify()"
                        + " on the source"));
        byte[] plain = sourceReader.read(id, location);
        BlobId there = BlobId.of(destination.hasher().hash(plain, 0, plain.length));
        store.store(BlobType.DATA, there, plain, 0, plain.length);
        translated.put(id, there);
        progress.add(plain.length);
        return there;
    }

    @Override
    public void commit() {
        store.flush();
    }

    @Override
    public boolean keepsIds() {
        return false;
    }

    @Override
    public long bytesWritten() {
        return store.storedBytes();
    }

    /** The destination's blob store, for the manifests and details written there. */
    BlobStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}

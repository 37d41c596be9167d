package io.firedrill.core.index;

import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.json.Json;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.repository.SealedDocuments;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes index files for packs that are already durable, a few packs at a time, and only then publishes
 * their blobs to the {@link RepositoryIndex}. A crash loses at most the last few packs' index entries:
 * those packs become garbage for {@code prune()}, never a dangling reference.
 */
public final class IndexWriter {
    /** Index context string bound into every sealed index file. */
    public static final String CONTEXT = "firedrill index";
    private static final int PACKS_PER_FILE = 4;
    private static final long MAX_DELAY_NANOS = 10_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Storage storage;
    private final SealedDocuments documents;
    private final RepositoryIndex index;
    private final Map<PackRef, Map<BlobId, BlobLocation>> pending = new LinkedHashMap<>();
    private long pendingSince = System.nanoTime();
    private long storedBytes;

    /**
     * @param storage where index files go
     * @param documents the metadata sealer
     * @param index the index to publish to
     */
    public IndexWriter(Storage storage, SealedDocuments documents, RepositoryIndex index) {
        this.storage = storage;
        this.documents = documents;
        this.index = index;
    }

    /** Records a durable pack; writes an index file when enough have accumulated. */
    public synchronized void added(PackRef pack, Map<BlobId, BlobLocation> contents) {
        if (pending.isEmpty()) {
            pendingSince = System.nanoTime();
        }
        pending.put(pack, contents);
        if (pending.size() >= PACKS_PER_FILE || System.nanoTime() - pendingSince > MAX_DELAY_NANOS) {
            flush();
        }
    }

    /** Writes an index file for every pack recorded so far. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<PackRef, List<Map.Entry<BlobId, BlobLocation>>> contents = new LinkedHashMap<>();
        pending.forEach((pack, blobs) -> contents.put(pack, List.copyOf(blobs.entrySet())));
        byte[] sealed = documents.seal(Json.write(RepositoryIndex.document(contents)), CONTEXT);
        byte[] name = new byte[16];
        RANDOM.nextBytes(name);
        storage.put(RepositoryLayout.INDEX + HexFormat.of().formatHex(name), Payload.of(sealed));
        storedBytes += sealed.length;
        pending.forEach(index::add);
        pending.clear();
    }

    /** Bytes of index files written. */
    public synchronized long storedBytes() {
        return storedBytes;
    }
}

package io.firedrill.core.index;

import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every blob the repository holds and where: the union of the index files read when an operation started,
 * plus the index files this operation has written since. Only blobs named by a durable index file are here,
 * so anything deduplicated against this index is durable too.
 */
public final class RepositoryIndex {
    private final Map<BlobId, BlobLocation> blobs = new ConcurrentHashMap<>();
    private final Map<String, PackRef> packs = new ConcurrentHashMap<>();

    /** Adds the packs of one index document. */
    public void add(IndexDocument document) {
        for (IndexDocument.Pack pack : document.packs()) {
            PackRef ref = new PackRef(pack.id(), Base64.getDecoder().decode(pack.envelope()));
            packs.put(ref.id(), ref);
            for (IndexDocument.Blob blob : pack.blobs()) {
                blobs.put(BlobId.parse(blob.id()),
                        new BlobLocation(ref, BlobType.ofCode(blob.type()), blob.offset(), blob.length(), blob.raw()));
            }
        }
    }

    /** Adds a pack whose index file this process has just made durable. */
    public void add(PackRef pack, Map<BlobId, BlobLocation> contents) {
        packs.put(pack.id(), pack);
        blobs.putAll(contents);
    }

    /** Where a blob is, if the repository has it. */
    public Optional<BlobLocation> find(BlobId id) {
        return Optional.ofNullable(blobs.get(id));
    }

    /** Whether the repository has the blob. */
    public boolean contains(BlobId id) {
        return blobs.containsKey(id);
    }

    /** Every known pack. */
    public Collection<PackRef> packs() {
        return packs.values();
    }

    /** Every known blob with its location. */
    public Map<BlobId, BlobLocation> blobs() {
        return blobs;
    }

    /** Builds the index document for a set of packs and their blobs. */
    public static IndexDocument document(Map<PackRef, List<Map.Entry<BlobId, BlobLocation>>> contents) {
        List<IndexDocument.Pack> packs = contents.entrySet().stream()
                .map(e -> new IndexDocument.Pack(e.getKey().id(),
                        Base64.getEncoder().encodeToString(e.getKey().envelope()),
                        e.getValue().stream().map(b -> new IndexDocument.Blob(b.getKey().hex(),
                                b.getValue().type().code(), b.getValue().offset(), b.getValue().length(),
                                b.getValue().rawLength())).toList()))
                .toList();
        return new IndexDocument(1, packs);
    }
}

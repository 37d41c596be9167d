package io.firedrill.core.index;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.json.Json;
import io.firedrill.core.repository.ObjectBytes;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.repository.SealedDocuments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads every index file of a repository into a {@link RepositoryIndex}. */
public final class IndexFiles {
    private IndexFiles() {
    }

    /**
     * The loaded index, with the names of index files that could not be read (damaged files are reported by
     * verify; their packs look unindexed, so backups store those chunks again rather than fail).
     *
     * @param index the union of every readable index file
     * @param files every index file name found
     * @param damaged index files that failed their integrity check, with the reason
     */
    public record Loaded(RepositoryIndex index, List<String> files, Map<String, String> damaged) {
    }

    /** Loads every index file, {@code parallelism} at a time. */
    public static Loaded load(Storage storage, SealedDocuments documents, int parallelism) {
        List<String> names = new ArrayList<>();
        storage.list(RepositoryLayout.INDEX, info -> names.add(info.name()));
        Collections.sort(names);
        RepositoryIndex index = new RepositoryIndex();
        Map<String, String> damaged = new ConcurrentHashMap<>();
        Workers.forEach(names, parallelism, name -> {
            try {
                index.add(read(storage, documents, name));
            } catch (CorruptObjectException e) {
                damaged.put(name, e.getMessage());
            }
        });
        return new Loaded(index, List.copyOf(names), Map.copyOf(damaged));
    }

    /** Reads one index file. */
    public static IndexDocument read(Storage storage, SealedDocuments documents, String name) {
        byte[] sealed = ObjectBytes.read(storage, name);
        byte[] json = documents.open(sealed, IndexWriter.CONTEXT, name);
        try {
            IndexDocument doc = Json.read(json, IndexDocument.class);
            if (doc.version() != 1) {
                throw new CorruptObjectException(name, "unknown index version " + doc.version());
            }
            validate(doc);
            return doc;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptObjectException c) {
                throw c;
            }
            throw new CorruptObjectException(name, "malformed index document: " + e.getMessage(), e);
        }
    }

    /** Checks every field a reader relies on, so a bad file is rejected whole instead of half-added. */
    private static void validate(IndexDocument doc) {
        for (IndexDocument.Pack pack : doc.packs()) {
            if (pack.id() == null || !pack.id().matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("pack id '" + pack.id() + "' is not 32 hex digits");
            }
            java.util.Base64.getDecoder().decode(pack.envelope());
            for (IndexDocument.Blob blob : pack.blobs()) {
                BlobId.parse(blob.id());
                BlobType.ofCode(blob.type());
                if (blob.offset() < 0 || blob.length() <= 0 || blob.raw() < 0) {
                    throw new IllegalArgumentException("blob " + blob.id() + " has an impossible location");
                }
            }
        }
    }
}

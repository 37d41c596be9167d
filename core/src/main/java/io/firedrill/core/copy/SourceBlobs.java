package io.firedrill.core.copy;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.RepositoryLayout;
import java.util.function.Consumer;

/** Finds the blobs a backup needs in a repository's index. */
final class SourceBlobs {
    private SourceBlobs() {
    }

    /** Where {@code id} is, or a {@link CorruptObjectException} naming {@code object}, the catalog entry that needs it. */
    static BlobLocation locate(RepositoryIndex index, BlobId id, String object) {
        return index.find(id).orElseThrow(() -> new CorruptObjectException(object, "it needs blob " + id
                + ", which no index file lists; run verify()"));
    }

    /**
     * Hands every blob the backup needs to {@code receiver}: its manifest blobs, its engine details' blobs, and
     * every non-null chunk its manifest names (a chunk may come more than once).
     */
    static void forEach(CatalogEntry entry, RepositoryIndex index, BlobReader reader, Consumer<BlobId> receiver) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        var manifest = entry.manifest().stream().map(BlobId::parse).toList();
        manifest.forEach(receiver);
        if (entry.details() != null) {
            entry.details().forEach(hex -> receiver.accept(BlobId.parse(hex)));
        }
        ManifestReader.read(object, manifest, id -> locate(index, id, object), reader, header -> { }, e -> {
            if (e.chunks() != null) {
                for (String hex : e.chunks()) {
                    if (hex != null) {
                        receiver.accept(BlobId.parse(hex));
                    }
                }
            }
        });
    }
}

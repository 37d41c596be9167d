package io.firedrill.core.copy;

import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.RepositoryLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lets a re-encrypting copy skip reading chunks it copied in an earlier run. With different id keys, a source
 * chunk's destination id is known only by hashing its plaintext; but a backup copied earlier holds the same
 * files at both ends with the chunks in the same order, so reading its two manifests side by side pairs every
 * source id with its destination id without reading any data. Pairs are trusted only when both manifests
 * describe the same entries (a digest over paths, types, sizes and chunk counts) and each pair's plaintext
 * lengths agree; otherwise nothing is remembered and the chunks are read again, which is slower but correct.
 */
final class TranslationSeed {
    private TranslationSeed() {
    }

    /**
     * Pairs the chunk ids of a backup present in both repositories.
     *
     * @param source the backup's entry at the source
     * @param copied the same backup's entry at the destination
     * @return source id to destination id; empty when the manifests do not correspond
     */
    static Map<BlobId, BlobId> pair(CatalogEntry source, RepositoryIndex sourceIndex, BlobReader sourceReader,
                                    CatalogEntry copied, RepositoryIndex destinationIndex,
                                    BlobReader destinationReader) {
        List<BlobId> sourceChunks = new ArrayList<>();
        MessageDigest sourceShape = sha256();
        walk(source, sourceIndex, sourceReader, sourceShape, sourceChunks::add);
        MessageDigest copiedShape = sha256();
        Map<BlobId, BlobId> pairs = new HashMap<>();
        int[] next = {0};
        boolean[] consistent = {true};
        walk(copied, destinationIndex, destinationReader, copiedShape, id -> {
            if (next[0] >= sourceChunks.size()) {
                consistent[0] = false;
                return;
            }
            BlobId from = sourceChunks.get(next[0]++);
            BlobLocation there = destinationIndex.find(id).orElse(null);
            BlobLocation here = sourceIndex.find(from).orElse(null);
            if (there == null || here == null || there.rawLength() != here.rawLength()) {
                consistent[0] = false;
                return;
            }
            pairs.put(from, id);
        });
        boolean sameShape = Arrays.equals(sourceShape.digest(), copiedShape.digest());
        return consistent[0] && sameShape && next[0] == sourceChunks.size() ? pairs : Map.of();
    }

    private static void walk(CatalogEntry entry, RepositoryIndex index, BlobReader reader, MessageDigest shape,
                             Consumer<BlobId> chunks) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        List<BlobId> manifest = entry.manifest().stream().map(BlobId::parse).toList();
        ManifestReader.read(object, manifest, id -> SourceBlobs.locate(index, id, object), reader, header -> { },
                (ManifestEntry e) -> {
                    int count = e.chunks() == null ? -1 : e.chunks().size();
                    shape.update((e.path() + "\0" + e.type() + "\0" + e.size() + "\0" + count + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    if (e.chunks() != null) {
                        for (String hex : e.chunks()) {
                            shape.update((byte) (hex == null ? 0 : 1));
                            if (hex != null) {
                                chunks.accept(BlobId.parse(hex));
                            }
                        }
                    }
                });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

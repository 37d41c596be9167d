package io.firedrill.core.copy;

import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.manifest.ManifestWriter;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.session.Progress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes a source backup's manifest into the destination with every chunk id translated to the destination's
 * ids: entries stay in the same order, with the same paths, sizes, times and holes, so the rewritten manifest
 * describes byte-identical files. Entries are translated by a pool of workers (each reads its file's chunks from
 * the source), and written in manifest order through a bounded window, so memory does not grow with the backup.
 */
final class ManifestRewrite {
    private final Repository destination;
    private final BlobStore store;
    private final BlobTransfer transfer;
    private final Progress progress;
    private final int parallelism;

    ManifestRewrite(Repository destination, BlobStore store, BlobTransfer transfer, Progress progress) {
        this.destination = destination;
        this.store = store;
        this.transfer = transfer;
        this.progress = progress;
        this.parallelism = destination.settings().parallelism();
    }

    /** Rewrites the manifest of {@code entry}; returns the destination's manifest blob ids. */
    List<BlobId> rewrite(CatalogEntry entry, RepositoryIndex sourceIndex, BlobReader sourceReader) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        List<BlobId> blobs = entry.manifest().stream().map(BlobId::parse).toList();
        ExecutorService workers = Workers.workers("firedrill-copy", parallelism);
        Deque<Future<ManifestEntry>> window = new ArrayDeque<>();
        ManifestWriter[] writer = new ManifestWriter[1];
        try {
            ManifestReader.read(object, blobs, id -> SourceBlobs.locate(sourceIndex, id, object), sourceReader,
                    header -> writer[0] = new ManifestWriter(header, destination.streamChunker(),
                            destination.hasher(), store),
                    e -> {
                        progress.checkCancelled();
                        window.add(workers.submit(() -> translate(e)));
                        while (window.size() > 2 * parallelism) {
                            writer[0].add(Workers.await(window.poll()));
                        }
                    });
            while (!window.isEmpty()) {
                writer[0].add(Workers.await(window.poll()));
            }
            return writer[0].finish();
        } finally {
            workers.shutdownNow();
        }
    }

    private ManifestEntry translate(ManifestEntry e) {
        if (e.chunks() == null) {
            return e;
        }
        List<String> chunks = new ArrayList<>(e.chunks().size());
        for (String hex : e.chunks()) {
            chunks.add(hex == null ? null : transfer.transfer(BlobId.parse(hex)).hex());
        }
        return new ManifestEntry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), chunks, e.target());
    }
}

package io.firedrill.core.restore;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.spi.StreamSource;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.RepositoryLayout;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams of a logical backup, read back chunk by chunk: each chunk's hash is checked as it is read
 * ({@link BlobReader}), and the bytes of a stream must add up to the length its manifest entry records. Memory per
 * open stream is one chunk.
 */
public final class BackupStreams implements StreamSource {
    private final String backupObject;
    private final Map<String, ManifestEntry> entries;
    private final RepositoryIndex index;
    private final BlobReader reader;
    private final AtomicLong bytesRead = new AtomicLong();

    private BackupStreams(String backupObject, Map<String, ManifestEntry> entries, RepositoryIndex index,
                          BlobReader reader) {
        this.backupObject = backupObject;
        this.entries = entries;
        this.index = index;
        this.reader = reader;
    }

    /** Reads the manifest of a logical backup. */
    public static BackupStreams of(CatalogEntry entry, RepositoryIndex index, BlobReader reader) {
        String backupObject = RepositoryLayout.BACKUPS + entry.id();
        Map<String, ManifestEntry> entries = new TreeMap<>();
        List<BlobId> manifest = entry.manifest().stream().map(BlobId::parse).toList();
        ManifestReader.read(backupObject, manifest, id -> locate(index, id, backupObject), reader, header -> {
        }, e -> {
            if (!ManifestEntry.STREAM.equals(e.type()) || e.chunks() == null || e.size() == null) {
                throw new CorruptObjectException(backupObject, "its manifest entry '" + e.path()
                        + "' is not a stream, yet the backup is a logical one");
            }
            entries.put(e.path(), e);
        });
        return new BackupStreams(backupObject, entries, index, reader);
    }

    @Override
    public List<Stream> streams() {
        return entries.values().stream().map(e -> new Stream(e.path(), e.size())).toList();
    }

    @Override
    public InputStream open(String name) {
        ManifestEntry entry = entries.get(name);
        if (entry == null) {
            throw new ObjectNotFoundException("stream '" + name + "' of " + backupObject, "the backup's manifest");
        }
        return new ChunkSequence(entry);
    }

    /** How many bytes were read from every stream so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    private static BlobLocation locate(RepositoryIndex index, BlobId id, String backupObject) {
        return index.find(id).orElseThrow(() -> new ObjectNotFoundException("blob " + id + " of " + backupObject,
                "the repository index"));
    }

    /** One stream: its chunks read in order, one at a time. */
    private final class ChunkSequence extends InputStream {
        private final ManifestEntry entry;
        private int next;
        private byte[] chunk = new byte[0];
        private int position;
        private long delivered;

        ChunkSequence(ManifestEntry entry) {
            this.entry = entry;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (next == entry.chunks().size()) {
                    if (delivered != entry.size()) {
                        throw new CorruptObjectException(backupObject, "stream '" + entry.path() + "' has "
                                + delivered + " bytes in its chunks, its manifest entry says " + entry.size());
                    }
                    return -1;
                }
                BlobId id = BlobId.parse(entry.chunks().get(next++));
                chunk = reader.read(id, locate(index, id, backupObject));
                position = 0;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            delivered += n;
            bytesRead.addAndGet(n);
            return n;
        }
    }
}

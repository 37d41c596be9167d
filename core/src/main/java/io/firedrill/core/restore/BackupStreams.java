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
import io.firedrill.core.pack.BlobRun;
import io.firedrill.core.repository.RepositoryLayout;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams of a logical backup, read back chunk by chunk: each chunk's hash is checked as it is read
 * ({@link BlobReader}), and the bytes of a stream must add up to the length its manifest entry records. Chunks that
 * lie back to back in one pack are fetched together with one ranged read; memory per open stream is one read-ahead
 * window (at most {@link BlobRun#DEFAULT_MAX_BYTES}, or one chunk when a chunk is larger).
 */
public final class BackupStreams implements StreamSource {
    private static final Comparator<ChunkSequence.Slot> PACK_ORDER = Comparator
            .comparing((ChunkSequence.Slot s) -> s.location().pack().id())
            .thenComparingLong(s -> s.location().offset());
    private final String backupObject;
    private final Map<String, ManifestEntry> entries;
    private final RepositoryIndex index;
    private final BlobReader reader;
    private final int maxRunBytes;
    private final AtomicLong bytesRead = new AtomicLong();

    private BackupStreams(String backupObject, Map<String, ManifestEntry> entries, RepositoryIndex index,
                          BlobReader reader, int maxRunBytes) {
        this.backupObject = backupObject;
        this.maxRunBytes = maxRunBytes;
        this.entries = entries;
        this.index = index;
        this.reader = reader;
    }

    /** Reads the manifest of a logical backup; its streams read ahead {@link BlobRun#DEFAULT_MAX_BYTES}. */
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
        return new BackupStreams(backupObject, entries, index, reader, BlobRun.DEFAULT_MAX_BYTES);
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

    /**
     * One stream, read ahead a window at a time: the next chunk and the chunks after it, up to
     * {@code maxRunBytes} of plaintext. The window's chunks are sorted by pack and offset and those that lie back
     * to back in one pack are fetched with one ranged read ({@link BlobRun}); a backup's workers store
     * neighbouring chunks in the order they finish them, so pack order and stream order differ locally. When a
     * read fails, the chunks before the first one not read are delivered, then the failure is thrown.
     */
    private final class ChunkSequence extends InputStream {
        private final ManifestEntry entry;
        private int next;
        private byte[] buffer = new byte[0];
        private int filled;
        private int position;
        private RuntimeException failure;
        private long delivered;

        ChunkSequence(ManifestEntry entry) {
            this.entry = entry;
        }

        /**
         * A chunk of the window.
         *
         * @param index its place in the window
         * @param bufferOffset where its plaintext goes in the buffer
         */
        private record Slot(BlobId id, BlobLocation location, int index, int bufferOffset) {
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
            while (position == filled) {
                if (failure != null) {
                    throw failure;
                }
                if (next == entry.chunks().size()) {
                    if (delivered != entry.size()) {
                        throw new CorruptObjectException(backupObject, "stream '" + entry.path() + "' has "
                                + delivered + " bytes in its chunks, its manifest entry says " + entry.size());
                    }
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, filled - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            delivered += n;
            bytesRead.addAndGet(n);
            return n;
        }

        /** Reads the next window into the buffer. */
        private void fill() {
            List<Slot> window = window();
            Slot last = window.get(window.size() - 1);
            int bytes = last.bufferOffset() + last.location().rawLength();
            if (buffer.length < bytes) {
                buffer = new byte[bytes];
            }
            List<Slot> sorted = new ArrayList<>(window);
            sorted.sort(PACK_ORDER);
            boolean[] read = new boolean[window.size()];
            BlobRun<Slot> run = new BlobRun<>(maxRunBytes);
            try {
                for (Slot slot : sorted) {
                    if (!run.accepts(slot.location())) {
                        read(run, read);
                        run = new BlobRun<>(maxRunBytes);
                    }
                    run.add(slot.id(), slot.location(), slot);
                }
                read(run, read);
            } catch (RuntimeException e) {
                failure = e;
            }
            int complete = 0;
            while (complete < read.length && read[complete]) {
                complete++;
            }
            next += complete;
            filled = complete == 0 ? 0 : window.get(complete - 1).bufferOffset()
                    + window.get(complete - 1).location().rawLength();
            position = 0;
        }

        private void read(BlobRun<Slot> run, boolean[] read) {
            reader.readRun(run, (slot, plain, length) -> {
                System.arraycopy(plain, 0, buffer, slot.bufferOffset(), length);
                read[slot.index()] = true;
            });
        }

        /** The next chunk (located, or the error saying why not) and the chunks after it that fit the bound. */
        private List<Slot> window() {
            List<Slot> window = new ArrayList<>();
            BlobId first = BlobId.parse(entry.chunks().get(next));
            BlobLocation location = locate(index, first, backupObject);
            window.add(new Slot(first, location, 0, 0));
            long bytes = location.rawLength();
            for (int i = next + 1; i < entry.chunks().size(); i++) {
                BlobLocation after = peek(i);
                if (after == null || bytes + after.rawLength() > maxRunBytes) {
                    break;
                }
                window.add(new Slot(BlobId.parse(entry.chunks().get(i)), after, window.size(), (int) bytes));
                bytes += after.rawLength();
            }
            return window;
        }

        /**
         * Where chunk {@code i} is, or null when there is no such chunk or it cannot be located: a lookahead never
         * fails, the chunk's own turn reports it.
         */
        private BlobLocation peek(int i) {
            if (i >= entry.chunks().size()) {
                return null;
            }
            try {
                return index.find(BlobId.parse(entry.chunks().get(i))).orElse(null);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}

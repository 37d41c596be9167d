package io.firedrill.core.backup;

import io.firedrill.api.BackupId;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.StreamSink;
import io.firedrill.core.chunking.ChunkingOutputStream;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestHeader;
import io.firedrill.core.manifest.ManifestWriter;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.session.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's side of a logical backup: every stream an engine writes is cut into content-defined chunks (so a
 * table dumped again tomorrow stores only what changed), each chunk hashed and stored as it is cut, in the writing
 * thread. Once the engine is done, {@link #finish} writes the manifest, one file entry per stream in name order.
 * Memory per open stream is one chunking buffer; the manifest keeps only chunk ids.
 */
public final class StreamBackup implements StreamSink {
    private static final int MODE = 0640;

    private final Repository repository;
    private final BlobStore store;
    private final Progress progress;
    private final Map<String, ManifestEntry> finished = new TreeMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param repository the open repository
     * @param store the blob store of this operation
     * @param listener progress receiver
     */
    public StreamBackup(Repository repository, BlobStore store, ProgressListener listener) {
        this.repository = repository;
        this.store = store;
        this.progress = new Progress(Operation.BACKUP, listener);
    }

    @Override
    public OutputStream create(String name) {
        checkName(name);
        synchronized (finished) {
            if (finished.containsKey(name)) {
                throw new IllegalArgumentException("stream '" + name + "' was already written in this backup");
            }
        }
        open.incrementAndGet();
        return new StreamWriter(name);
    }

    /** How many streams were written. */
    public long streams() {
        synchronized (finished) {
            return finished.size();
        }
    }

    /** How many bytes the streams held. */
    public long bytes() {
        return progress.done();
    }

    /**
     * Writes the manifest of every finished stream and returns its blob ids.
     *
     * @throws FiredrillException when a stream was opened and never closed
     */
    public List<BlobId> finish(BackupId id, String sourceName, String kind) {
        if (open.get() != 0) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, open.get() + " stream(s) of logical backup " + id
                    + " were never closed", "the engine plugin must close every stream it creates");
        }
        ManifestWriter manifest = new ManifestWriter(new ManifestHeader(1, id.value(), sourceName, kind,
                repository.config().chunking().fileChunkSize(), Map.of()), repository.streamChunker(),
                repository.hasher(), store);
        synchronized (finished) {
            finished.values().forEach(manifest::add);
        }
        return manifest.finish();
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("invalid stream name '" + name + "'");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid stream name '" + name + "': empty, . or .. segment");
            }
        }
    }

    /** One stream being written: chunks are stored as they are cut. */
    private final class StreamWriter extends OutputStream {
        private final String name;
        private final List<String> chunks = new ArrayList<>();
        private final ChunkingOutputStream chunking;
        private boolean closed;

        StreamWriter(String name) {
            this.name = name;
            this.chunking = new ChunkingOutputStream(repository.streamChunker(), this::store);
        }

        private void store(byte[] data, int offset, int length) {
            BlobId id = BlobId.of(repository.hasher().hash(data, offset, length));
            store.store(BlobType.DATA, id, data, offset, length);
            chunks.add(id.hex());
            progress.add(length);
        }

        @Override
        public void write(int b) throws IOException {
            chunking.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            progress.checkCancelled();
            chunking.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            chunking.close();
            ManifestEntry entry = new ManifestEntry(name, ManifestEntry.STREAM, MODE,
                    repository.settings().clock().millis() * 1_000_000L, chunking.size(), List.copyOf(chunks), null);
            synchronized (finished) {
                if (finished.putIfAbsent(name, entry) != null) {
                    throw new IOException("stream '" + name + "' was written twice in this backup");
                }
            }
            open.decrementAndGet();
        }
    }
}

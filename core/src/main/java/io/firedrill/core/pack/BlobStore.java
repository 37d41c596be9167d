package io.firedrill.core.pack;

import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.compression.BlobCodec;
import io.firedrill.core.crypto.Sealer;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.index.IndexWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import io.firedrill.core.repository.Workers;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path of the repository: compress, seal, pack, store, index. A blob counts as stored for other
 * operations only once the index file naming it is durable ({@link IndexWriter}); until then this store
 * remembers it itself, so a chunk seen twice in one backup is stored once. Thread-safe; workers call
 * {@link #store} concurrently. Full packs go to one uploader thread, so compression goes on while a pack is
 * written and synced; memory holds at most one open pack per blob type plus two packs waiting for upload.
 */
public final class BlobStore implements AutoCloseable {
    private static final int UPLOADS_IN_FLIGHT = 2;
    /** Per-thread buffer for sealed blobs: the hot path allocates nothing per chunk. */
    private static final ThreadLocal<byte[]> SEALED = ThreadLocal.withInitial(() -> new byte[0]);
    private final Storage storage;
    private final RepositoryIndex index;
    private final BlobCodec codec;
    private final Sealer sealer;
    private final byte[] envelope;
    private final int packSize;
    private final IndexWriter indexWriter;
    private final Map<BlobType, PackBuilder> open = new EnumMap<>(BlobType.class);
    private final Set<BlobId> claimed = ConcurrentHashMap.newKeySet();
    private final ExecutorService uploader = Workers.workers("firedrill-upload", 1);
    private final Semaphore uploadSlots = new Semaphore(UPLOADS_IN_FLIGHT);
    private final List<Future<?>> uploads = new ArrayList<>();
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong newBlobs = new AtomicLong();
    private final AtomicLong newRawBytes = new AtomicLong();

    /**
     * @param storage where packs go
     * @param index the repository index: blobs it holds are not stored again
     * @param codec chunk compression
     * @param sealer the session sealer
     * @param envelope the sealed session key (empty when unencrypted)
     * @param packSize target pack size
     * @param indexWriter writes index files for the packs this store makes durable
     */
    public BlobStore(Storage storage, RepositoryIndex index, BlobCodec codec, Sealer sealer, byte[] envelope,
                     int packSize, IndexWriter indexWriter) {
        this.storage = storage;
        this.index = index;
        this.codec = codec;
        this.sealer = sealer;
        this.envelope = envelope;
        this.packSize = packSize;
        this.indexWriter = indexWriter;
    }

    /**
     * Stores a blob unless the repository already has it.
     *
     * @return {@code true} if this call stored it
     */
    public boolean store(BlobType type, BlobId id, byte[] data, int offset, int length) {
        if (index.contains(id) || !claimed.add(id)) {
            return false;
        }
        try {
            BlobCodec.Encoded encoded = codec.encodeView(data, offset, length);
            byte[] sealed = SEALED.get();
            int sealedLength = encoded.length() + sealer.overhead(encoded.length());
            if (sealed.length < sealedLength) {
                sealed = new byte[sealedLength];
                SEALED.set(sealed);
            }
            sealer.sealInto(encoded.array(), encoded.offset(), encoded.length(), id.bytes(), sealed, 0);
            PackBuilder full = null;
            synchronized (open) {
                PackBuilder pack = open.computeIfAbsent(type, t -> new PackBuilder(envelope, sealer, packSize));
                pack.add(id, type, sealed, sealedLength, length);
                if (pack.size() >= packSize) {
                    full = open.remove(type);
                }
            }
            newBlobs.incrementAndGet();
            newRawBytes.addAndGet(length);
            if (full != null) {
                uploadLater(full);
            }
            return true;
        } catch (RuntimeException e) {
            claimed.remove(id);
            throw e;
        }
    }

    /** Uploads the open packs and writes the index for everything stored so far. */
    public void flush() {
        List<PackBuilder> rest = new ArrayList<>();
        synchronized (open) {
            rest.addAll(open.values());
            open.clear();
        }
        for (PackBuilder pack : rest) {
            if (!pack.isEmpty()) {
                uploadLater(pack);
            }
        }
        awaitUploads();
        indexWriter.flush();
    }

    /** Stops the uploader; packs not yet flushed are dropped (they were never indexed, so nothing refers to them). */
    @Override
    public void close() {
        uploader.shutdownNow();
    }

    /**
     * Hands a full pack to the uploader thread, so workers keep compressing while a pack is written and
     * synced. At most {@link #UPLOADS_IN_FLIGHT} packs wait; beyond that the worker waits (back-pressure).
     */
    private void uploadLater(PackBuilder pack) {
        rethrowUploadFailure();
        try {
            uploadSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to upload a pack", e);
        }
        Future<?> f;
        try {
            f = uploader.submit(() -> {
                try {
                    upload(pack);
                } finally {
                    uploadSlots.release();
                }
            });
        } catch (RuntimeException e) {
            uploadSlots.release();
            throw e;
        }
        synchronized (uploads) {
            uploads.add(f);
        }
    }

    private void awaitUploads() {
        List<Future<?>> pending;
        synchronized (uploads) {
            pending = new ArrayList<>(uploads);
            uploads.clear();
        }
        for (Future<?> f : pending) {
            Workers.await(f);
        }
    }

    private void rethrowUploadFailure() {
        synchronized (uploads) {
            for (Future<?> f : uploads) {
                if (f.isDone()) {
                    Workers.await(f);
                }
            }
            uploads.removeIf(Future::isDone);
        }
    }

    /** Bytes of packs stored by this store. */
    public long storedBytes() {
        return storedBytes.get() + indexWriter.storedBytes();
    }

    /** Blobs stored by this store. */
    public long newBlobs() {
        return newBlobs.get();
    }

    /** Plaintext bytes of the blobs stored by this store. */
    public long newRawBytes() {
        return newRawBytes.get();
    }

    private void upload(PackBuilder pack) {
        Payload bytes = pack.finish();
        PackRef ref = pack.ref();
        storage.put(ref.objectName(), bytes);
        storedBytes.addAndGet(bytes.length());
        indexWriter.added(ref, new LinkedHashMap<>(pack.contents()));
    }
}

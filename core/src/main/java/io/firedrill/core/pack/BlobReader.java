package io.firedrill.core.pack;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.compression.BlobCodec;
import io.firedrill.core.compression.CorruptBlobException;
import io.firedrill.core.crypto.BlobIdHasher;
import io.firedrill.core.crypto.IntegrityException;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.repository.ObjectBytes;
import io.firedrill.core.repository.PackKeys;
import java.io.IOException;
import java.io.InputStream;

/**
 * The read path of the repository: fetch a blob's bytes, open the seal, decompress, and check that the keyed
 * hash of the plaintext is the blob's id. Never returns bytes that fail any of these checks.
 */
public final class BlobReader {
    private static final ThreadLocal<byte[]> SEALED = ThreadLocal.withInitial(() -> new byte[0]);
    private static final ThreadLocal<byte[]> ENCODED = ThreadLocal.withInitial(() -> new byte[0]);
    private static final ThreadLocal<byte[]> PLAIN = ThreadLocal.withInitial(() -> new byte[0]);
    private final Storage storage;
    private final BlobCodec codec;
    private final BlobIdHasher hasher;
    private final PackKeys packKeys;

    /**
     * @param storage where packs are
     * @param codec decompression
     * @param hasher the keyed id hash
     * @param packKeys opens the sealed session key of a pack
     */
    public BlobReader(Storage storage, BlobCodec codec, BlobIdHasher hasher, PackKeys packKeys) {
        this.storage = storage;
        this.codec = codec;
        this.hasher = hasher;
        this.packKeys = packKeys;
    }

    /** Reads and checks one blob. */
    public byte[] read(BlobId id, BlobLocation location) {
        byte[] plain = new byte[location.rawLength()];
        readInto(id, location, plain);
        return plain;
    }

    /**
     * Reads and checks one blob into {@code out} (at least {@code location.rawLength()} bytes) through per-thread
     * buffers: the restore's hot path allocates nothing per chunk. On failure {@code out} must be discarded.
     */
    public void readInto(BlobId id, BlobLocation location, byte[] out) {
        byte[] sealed = scratch(SEALED, location.length());
        ObjectBytes.readInto(storage, location.pack().objectName(), location.offset(), location.length(), sealed);
        check(id, location, sealed, out);
    }

    /**
     * Reads the blobs of a run with one ranged read, then opens and checks each as {@link #readInto} does, in
     * pack order, handing each plaintext to {@code receiver} before the next is read. Memory stays one blob
     * whatever the run's length: the sealed bytes stream through per-thread buffers, and the plaintext buffer
     * given to {@code receiver} is reused for the next blob. The first blob that is truncated, fails its seal,
     * does not decompress or does not hash to its id ends the run with the error {@link #readInto} would
     * raise for it; the blobs before it have been delivered.
     */
    public <T> void readRun(BlobRun<T> run, RunReceiver<T> receiver) {
        if (run.isEmpty()) {
            return;
        }
        String object = run.objectName();
        try (InputStream in = storage.get(object, run.offset(), run.sealedBytes())) {
            for (BlobRun.Member<T> m : run.members()) {
                BlobLocation location = m.location();
                byte[] sealed = scratch(SEALED, location.length());
                int n = in.readNBytes(sealed, 0, location.length());
                if (n != location.length()) {
                    throw ObjectBytes.truncated(storage, object, location.offset(), location.length(), n);
                }
                byte[] plain = scratch(PLAIN, location.rawLength());
                check(m.id(), location, sealed, plain);
                receiver.receive(m.target(), plain, location.rawLength());
            }
        } catch (IOException e) {
            throw ObjectBytes.readFailed(storage, object, e);
        }
    }

    /** Takes the checked plaintext of each blob of a run. */
    @FunctionalInterface
    public interface RunReceiver<T> {
        /**
         * @param target what the caller attached to the blob
         * @param plain the blob's plaintext in its first {@code length} bytes, valid only during the call
         * @param length the blob's plaintext length
         */
        void receive(T target, byte[] plain, int length);
    }

    private void check(BlobId id, BlobLocation location, byte[] sealed, byte[] out) {
        String object = location.pack().objectName();
        try {
            byte[] encoded = scratch(ENCODED, location.length());
            int encodedLength = packKeys.sealerFor(location.pack()).openInto(sealed, 0, location.length(),
                    id.bytes(), encoded);
            codec.decodeInto(encoded, 0, encodedLength, location.rawLength(), out);
            if (!id.matches(hasher.hash(out, 0, location.rawLength()))) {
                throw new CorruptObjectException(object, "blob " + id + " does not hash to its id");
            }
        } catch (IntegrityException e) {
            throw new CorruptObjectException(object, "blob " + id + " at offset " + location.offset() + ": "
                    + e.getMessage(), e);
        } catch (CorruptBlobException e) {
            throw new CorruptObjectException(object, "blob " + id + " does not decompress: " + e.getMessage(), e);
        }
    }

    private static byte[] scratch(ThreadLocal<byte[]> holder, int capacity) {
        byte[] b = holder.get();
        if (b.length < capacity) {
            b = new byte[capacity];
            holder.set(b);
        }
        return b;
    }

    /**
     * Opens and checks a blob whose sealed bytes are already in memory, for readers that fetch whole packs.
     *
     * @param sealedOffset where the blob starts in {@code sealed}
     */
    public byte[] open(BlobId id, BlobLocation location, byte[] sealed, int sealedOffset) {
        String object = location.pack().objectName();
        try {
            byte[] encoded = packKeys.sealerFor(location.pack()).open(sealed, sealedOffset, location.length(),
                    id.bytes());
            byte[] plain = codec.decode(encoded, 0, encoded.length, location.rawLength());
            if (!id.matches(hasher.hash(plain, 0, plain.length))) {
                throw new CorruptObjectException(object, "blob " + id + " does not hash to its id");
            }
            return plain;
        } catch (IntegrityException e) {
            throw new CorruptObjectException(object, "blob " + id + " at offset " + location.offset() + ": "
                    + e.getMessage(), e);
        } catch (CorruptBlobException e) {
            throw new CorruptObjectException(object, "blob " + id + " does not decompress: " + e.getMessage(), e);
        }
    }
}

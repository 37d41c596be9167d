package io.firedrill.core.backup;

import io.firedrill.api.spi.ContentInspector;
import io.firedrill.core.crypto.BlobIdHasher;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.pack.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Reads one fixed-size chunk of a file, shows it to the tree's {@link ContentInspector}, hashes it and stores it
 * unless the repository has it. Returns the chunk's id, or {@code null} for an all-zero chunk (a hole on restore,
 * nothing stored).
 */
final class FileChunkTask implements Callable<String> {
    private static final ThreadLocal<byte[]> BUFFER = new ThreadLocal<>();
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final FileChannel channel;
    private final long offset;
    private final int length;
    private final int chunkSize;
    private final BlobIdHasher hasher;
    private final BlobStore store;
    private final ContentInspector inspector;
    private final String relativePath;

    /**
     * @param inspector what looks at the chunk before it is hashed ({@link ContentInspector#NONE} for nothing)
     * @param relativePath the file's path relative to its tree's root, for the inspector
     */
    FileChunkTask(FileChannel channel, long offset, int length, int chunkSize, BlobIdHasher hasher, BlobStore store,
                  ContentInspector inspector, String relativePath) {
        this.inspector = inspector;
        this.relativePath = relativePath;
        this.channel = channel;
        this.offset = offset;
        this.length = length;
        this.chunkSize = chunkSize;
        this.hasher = hasher;
        this.store = store;
    }

    @Override
    public String call() {
        byte[] buffer = buffer();
        readFully(buffer);
        inspector.inspect(relativePath, offset, buffer, length);
        if (isZero(buffer, length)) {
            return null;
        }
        BlobId id = BlobId.of(hasher.hash(buffer, 0, length));
        store.store(BlobType.DATA, id, buffer, 0, length);
        return id.hex();
    }

    private void readFully(byte[] buffer) {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        long position = offset;
        try {
            while (target.hasRemaining()) {
                int n = channel.read(target, position);
                if (n < 0) {
                    // The file shrank while we read it: the rest reads as zeros, like a torn copy would.
                    Arrays.fill(buffer, target.position(), length, (byte) 0);
                    return;
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading at offset " + offset + " failed: " + e.getMessage(), e);
        }
    }

    private byte[] buffer() {
        byte[] b = BUFFER.get();
        if (b == null || b.length < chunkSize) {
            b = new byte[chunkSize];
            BUFFER.set(b);
        }
        return b;
    }

    private static boolean isZero(byte[] data, int length) {
        for (int from = 0; from < length; from += ZEROS.length) {
            int to = Math.min(length, from + ZEROS.length);
            if (Arrays.mismatch(data, from, to, ZEROS, 0, to - from) >= 0) {
                return false;
            }
        }
        return true;
    }
}

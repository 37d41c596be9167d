package io.firedrill.core.storage.file;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a payload to a fresh temporary file and flushes it to disk, streaming through a fixed buffer.
 * The temporary file's name starts with {@link ObjectPaths#TEMP_PREFIX}, so listings never show it.
 */
final class TempWriter {
    static final int BUFFER_SIZE = 128 * 1024;

    private final Path root;

    TempWriter(Path root) {
        this.root = root;
    }

    /**
     * Writes {@code content} to a new temporary file in {@code directory}. On success the caller owns the
     * file and must move or delete it; on failure it has been deleted.
     *
     * @param name the object being stored, for messages
     * @throws StorageException when the payload cannot be read or yields a length other than it announced
     * @throws IOException when the file cannot be written
     */
    Path write(Path directory, String name, Payload content) throws IOException {
        Path temp = create(directory);
        boolean written = false;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            long copied = copy(name, content, channel);
            if (copied != content.length()) {
                throw new StorageException("payload for " + name + " in file:" + root + " yielded " + copied
                        + " bytes instead of the announced " + content.length() + "; nothing was stored",
                        "the Payload's length() must match what its open() stream yields", false, null);
            }
            channel.force(true);
            written = true;
            return temp;
        } finally {
            if (!written) {
                deleteQuietly(temp);
            }
        }
    }

    private Path create(Path directory) throws IOException {
        while (true) {
            Path temp = directory.resolve(ObjectPaths.TEMP_PREFIX
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name: draw again
            }
        }
    }

    private long copy(String name, Payload content, FileChannel channel) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long expected = content.length();
        long copied = 0;
        try (InputStream in = open(name, content)) {
            while (true) {
                int n = read(name, in, buffer);
                if (n < 0) {
                    return copied;
                }
                copied += n;
                if (copied > expected) {
                    return copied;
                }
                wrapped.clear().limit(n);
                while (wrapped.hasRemaining()) {
                    channel.write(wrapped);
                }
            }
        }
    }

    private InputStream open(String name, Payload content) {
        try {
            return content.open();
        } catch (UncheckedIOException e) {
            throw payloadFailure(name, e.getCause());
        }
    }

    private int read(String name, InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw payloadFailure(name, e);
        } catch (UncheckedIOException e) {
            throw payloadFailure(name, e.getCause());
        }
    }

    private StorageException payloadFailure(String name, IOException cause) {
        return new StorageException("cannot read the payload for " + name + " while storing it in file:" + root
                + ": " + cause.getMessage() + "; nothing was stored", "check the source the payload reads from",
                false, cause);
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover temporary file is invisible to listings and swept later
        }
    }
}

package io.firedrill.examples.storage;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An example storage plugin: objects are files in a local (or mounted network) directory, spread over 256
 * sub-directories chosen by a hash of the object name, so no directory grows large however many index files,
 * catalog entries and archived log files a repository collects (some network filesystems slow down badly past a
 * few thousand entries per directory). Object {@code index/3fa9…} lives at
 * {@code <root>/<first two hex digits of SHA-256(name)>/index%2F3fa9…}.
 *
 * <p>What any storage must guarantee, and how this one does it:
 * <ul>
 *   <li>a put is atomic and durable when it returns: write a temporary file in the target directory, force it
 *       to disk, rename it over the target (atomic on POSIX filesystems), then force the directory;</li>
 *   <li>a missing object is an {@link ObjectNotFoundException}, every other failure a {@link StorageException};</li>
 *   <li>it is safe for concurrent use: every call works on its own files, and renames are atomic.</li>
 * </ul>
 * It announces {@link StorageFeature#RANGED_READ} (it seeks) and {@link StorageFeature#CONSISTENT_LIST} (a
 * listing reads the directories). It does not announce create-if-absent; Firedrill does not need it.
 */
public final class FanOutStorage implements Storage {
    private static final String TEMPORARY = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;

    /**
     * @param root the directory holding the repository; created if missing
     * @throws StorageException when it cannot be created
     */
    public FanOutStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw failure("creating the directory " + this.root, e);
        }
    }

    @Override
    public Set<StorageFeature> features() {
        return EnumSet.of(StorageFeature.RANGED_READ, StorageFeature.CONSISTENT_LIST);
    }

    @Override
    public void put(String name, Payload content) {
        Path target = path(name);
        Path directory = target.getParent();
        Path temporary = directory.resolve(TEMPORARY + HexFormat.of().formatHex(randomBytes()));
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                 InputStream in = content.open()) {
                OutputStream out = Channels.newOutputStream(channel);
                long copied = in.transferTo(out);
                if (copied != content.length()) {
                    throw new IOException("the payload yielded " + copied + " bytes, not " + content.length());
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw failure("writing " + name, e);
        }
    }

    @Override
    public InputStream get(String name) {
        try {
            return Files.newInputStream(path(name));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(name, describe());
        } catch (IOException e) {
            throw failure("reading " + name, e);
        }
    }

    /** A real ranged read: the file stream the default slices seeks when it skips. */
    @Override
    public InputStream get(String name, long offset, long length) {
        long size = head(name).orElseThrow(() -> new ObjectNotFoundException(name, describe())).size();
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new StorageException("range " + offset + "+" + length + " lies outside " + name + " (" + size
                    + " bytes) in " + describe(), "the object is shorter than its index says; run verify()", false,
                    null);
        }
        return Storage.super.get(name, offset, length);
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        try {
            return Optional.of(new ObjectInfo(name, Files.size(path(name))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("reading the size of " + name, e);
        }
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        try (DirectoryStream<Path> buckets = Files.newDirectoryStream(root)) {
            for (Path bucket : buckets) {
                listBucket(bucket, prefix, receiver);
            }
        } catch (IOException e) {
            throw failure("listing " + root, e);
        }
    }

    private void listBucket(Path bucket, String prefix, Consumer<ObjectInfo> receiver) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bucket)) {
            for (Path file : files) {
                String stored = file.getFileName().toString();
                if (stored.startsWith(TEMPORARY)) {
                    continue;
                }
                String name = decode(stored);
                if (name.startsWith(prefix)) {
                    try {
                        receiver.accept(new ObjectInfo(name, Files.size(file)));
                    } catch (NoSuchFileException deletedMeanwhile) {
                        // deleted between the directory read and the size: no longer listed
                    }
                }
            }
        } catch (NoSuchFileException notADirectoryAnyMore) {
            // a bucket is never removed by this storage; tolerate someone tidying up
        }
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw failure("deleting " + name, e);
        }
    }

    @Override
    public String describe() {
        return FanOutStorageProvider.SCHEME + ":" + root;
    }

    /** The file of an object: a bucket from the name's hash, and the name with {@code %} and {@code /} escaped. */
    Path path(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.startsWith(".")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid object name");
        }
        return root.resolve(bucket(name)).resolve(encode(name));
    }

    static String encode(String name) {
        return name.replace("%", "%25").replace("/", "%2F");
    }

    static String decode(String stored) {
        return stored.replace("%2F", "/").replace("%25", "%");
    }

    private static String bucket(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover temporary file, which list() skips
        }
    }

    private StorageException failure(String what, IOException e) {
        return new StorageException(what + " in " + describe() + " failed: " + e.getMessage(),
                "check that the directory is mounted, writable and not full, then retry", true, e);
    }
}

package io.firedrill.core.storage.file;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A storage in a local or mounted directory: the embedded default, opened from {@code file:///abs/path}.
 *
 * <p>Each object is a file at its name below the root, so {@code data/ab/abcdef} is
 * {@code <root>/data/ab/abcdef}. A put writes a temporary file next to the target (named
 * {@code .tmp-...}, never listed), flushes it, renames it over the target atomically and flushes the
 * directory, so a reader sees either the old or the new object in full, and a returned put survives a crash
 * of the process or the host. Create-if-absent links the flushed temporary file to the target name, which
 * fails atomically when the name exists; it is offered only when the file system supports hard links.
 *
 * <p>Writes killed mid-way leave {@code .tmp-} files behind; {@link #sweepStaleTemporaries(Duration)}
 * removes them. Failures other than a missing object are {@link StorageException}s naming the object and the
 * root; full disks and permission problems carry a hint and are not retryable.
 */
public final class FileStorage implements Storage {
    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final Path root;
    private final ObjectPaths paths;
    private final TempWriter writer;
    private final Set<StorageFeature> features;

    /**
     * Opens the storage rooted at a directory, creating it and its parents when missing.
     *
     * @param root an absolute directory path
     * @throws InvalidConfigurationException when the path is relative or names a file
     * @throws StorageException when the directory cannot be created or read
     */
    public FileStorage(Path root) {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new InvalidConfigurationException("file storage root '" + root + "' is a relative path",
                    "give an absolute path, such as " + root.toAbsolutePath());
        }
        this.root = createRoot(root.normalize());
        this.paths = new ObjectPaths(this.root);
        this.writer = new TempWriter(this.root);
        EnumSet<StorageFeature> supported = EnumSet.of(StorageFeature.RANGED_READ, StorageFeature.CONSISTENT_LIST);
        if (HardLinkProbe.supported(this.root)) {
            supported.add(StorageFeature.CREATE_IF_ABSENT);
        }
        this.features = Collections.unmodifiableSet(supported);
    }

    /** The root directory, with symbolic links resolved. */
    public Path root() {
        return root;
    }

    @Override
    public Set<StorageFeature> features() {
        return features;
    }

    @Override
    public void put(String name, Payload content) {
        Objects.requireNonNull(content, "content");
        Path target = paths.file(name);
        Path directory = target.getParent();
        Path temp = null;
        try {
            DirectorySync.ensure(root, directory, name);
            temp = writer.write(directory, name, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            DirectorySync.force(directory);
        } catch (IOException e) {
            throw StorageFailures.of("store", name, root, e);
        } finally {
            if (temp != null) {
                TempWriter.deleteQuietly(temp);
            }
        }
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        Objects.requireNonNull(content, "content");
        if (!features.contains(StorageFeature.CREATE_IF_ABSENT)) {
            throw new UnsupportedOperationException(describe() + " does not support create-if-absent: its file "
                    + "system has no hard links; check features() before calling putIfAbsent");
        }
        Path target = paths.file(name);
        Path directory = target.getParent();
        if (Files.exists(target)) {
            return false;
        }
        Path temp = null;
        try {
            DirectorySync.ensure(root, directory, name);
            temp = writer.write(directory, name, content);
            boolean created;
            try {
                Files.createLink(target, temp);
                created = true;
            } catch (FileAlreadyExistsException e) {
                created = false;
            }
            Files.delete(temp);
            temp = null;
            DirectorySync.force(directory);
            return created;
        } catch (IOException e) {
            throw StorageFailures.of("create", name, root, e);
        } finally {
            if (temp != null) {
                TempWriter.deleteQuietly(temp);
            }
        }
    }

    @Override
    public InputStream get(String name) {
        Path file = paths.file(name);
        if (DirectorySync.isDirectory(file)) {
            throw new ObjectNotFoundException(name, describe());
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_SIZE);
        } catch (IOException e) {
            if (missing(e, file)) {
                throw new ObjectNotFoundException(name, describe());
            }
            throw StorageFailures.of("read", name, root, e);
        }
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("cannot read " + name + " from " + describe() + ": offset and length "
                    + "must be >= 0, were " + offset + " and " + length);
        }
        Path file = paths.file(name);
        if (DirectorySync.isDirectory(file)) {
            throw new ObjectNotFoundException(name, describe());
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            if (missing(e, file)) {
                throw new ObjectNotFoundException(name, describe());
            }
            throw StorageFailures.of("read", name, root, e);
        }
        try {
            long size = channel.size();
            if (offset > size || length > size - offset) {
                throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + name
                        + " (" + size + " bytes) in " + describe() + "; read within 0.." + size);
            }
            channel.position(offset);
            int bufferSize = (int) Math.max(1, Math.min(READ_BUFFER_SIZE, length));
            return new BufferedInputStream(new RangeInputStream(channel, length, name), bufferSize);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException) {
                throw StorageFailures.of("read", name, root, (IOException) e);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        Path file = paths.file(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(new ObjectInfo(name, attributes.size())) : Optional.empty();
        } catch (IOException e) {
            if (missing(e, file)) {
                return Optional.empty();
            }
            throw StorageFailures.of("inspect", name, root, e);
        }
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        Path start = paths.listingStart(prefix);
        if (!DirectorySync.isDirectory(start)) {
            return;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (directory.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String level = paths.name(directory) + "/";
                    return level.startsWith(prefix) || prefix.startsWith(level)
                            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !ObjectPaths.isTemporary(file)) {
                        String name = paths.name(file);
                        if (name.startsWith(prefix)) {
                            receiver.accept(new ObjectInfo(name, attributes.size()));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }
            });
        } catch (IOException e) {
            throw StorageFailures.of("list objects starting with", "'" + prefix + "'", root, e);
        }
    }

    @Override
    public void delete(String name) {
        Path file = paths.file(name);
        if (DirectorySync.isDirectory(file)) {
            return;
        }
        try {
            if (Files.deleteIfExists(file)) {
                DirectorySync.force(file.getParent());
            }
        } catch (IOException e) {
            if (!missing(e, file)) {
                throw StorageFailures.of("delete", name, root, e);
            }
        }
    }

    /**
     * Deletes the temporary files that writes killed mid-way left behind, if older than {@code olderThan}.
     * Walks the whole tree, so call it rarely, for example while pruning. Concurrent writes are safe as long
     * as none takes longer than {@code olderThan}.
     *
     * @return how many files were deleted
     */
    public int sweepStaleTemporaries(Duration olderThan) {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("age for stale temporary files must be >= 0, was " + olderThan);
        }
        try {
            return StaleTemporaries.sweep(root, Instant.now().minus(olderThan));
        } catch (IOException e) {
            throw StorageFailures.of("sweep temporary files", "below the root", root, e);
        }
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Path createRoot(Path root) {
        boolean existed = Files.exists(root);
        try {
            Files.createDirectories(root);
            if (!existed && root.getParent() != null) {
                DirectorySync.force(root.getParent());
            }
            return root.toRealPath();
        } catch (FileAlreadyExistsException e) {
            throw new InvalidConfigurationException("file storage root " + root + " exists but is not a directory",
                    "point the repository URI at a directory, or move the file " + root + " away");
        } catch (IOException e) {
            throw StorageFailures.of("create or open", "the storage root", root, e);
        }
    }

    /** Whether a failure means the object is not there: no such file, or a level above it is a file. */
    private boolean missing(IOException failure, Path file) {
        if (failure instanceof NoSuchFileException) {
            return true;
        }
        if (!(failure instanceof FileSystemException) || failure instanceof AccessDeniedException) {
            return false;
        }
        for (Path level = file.getParent(); level != null && !level.equals(root); level = level.getParent()) {
            if (Files.exists(level) && !Files.isDirectory(level)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}

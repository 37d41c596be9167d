package io.firedrill.core.restore;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.core.backup.FileAttributes;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.chunking.FixedChunking;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestHeader;
import io.firedrill.core.manifest.ManifestReader;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobRun;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.session.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restores a directory backup into an empty directory: directories and files as the manifest lists them,
 * chunks fetched, checked and written in parallel (chunks adjacent in a pack fetched with one ranged read, see
 * {@link ChunkRuns}; all-zero chunks left as holes), then file times and modes, then symbolic links (only once
 * every file is written, so no link can redirect a write), then directory times and modes, deepest first.
 */
public final class DirectoryRestore {
    private static final int MAX_OPEN_FILES = 64;
    private final BlobReader reader;
    private final RepositoryIndex index;
    private final Map<String, String> damagedIndexFiles;
    private final int parallelism;
    private final Progress progress;
    private final int expectedChunkSize;
    private final int maxRunBytes;

    /**
     * @param reader reads and checks blobs
     * @param index where blobs are, and which index files could not be read
     * @param parallelism worker threads
     * @param expectedChunkSize the repository's file chunk size, which manifests must match
     * @param listener progress receiver
     */
    public DirectoryRestore(BlobReader reader, IndexFiles.Loaded index, int parallelism, int expectedChunkSize,
                            ProgressListener listener) {
        this(reader, index, parallelism, expectedChunkSize, BlobRun.DEFAULT_MAX_BYTES, listener);
    }

    /**
     * @param reader reads and checks blobs
     * @param index where blobs are, and which index files could not be read
     * @param parallelism worker threads
     * @param expectedChunkSize the repository's file chunk size, which manifests must match
     * @param maxRunBytes the plaintext bound of one read of adjacent chunks ({@link BlobRun})
     * @param listener progress receiver
     */
    public DirectoryRestore(BlobReader reader, IndexFiles.Loaded index, int parallelism, int expectedChunkSize,
                            int maxRunBytes, ProgressListener listener) {
        this.expectedChunkSize = expectedChunkSize;
        this.maxRunBytes = maxRunBytes;
        this.reader = reader;
        this.index = index.index();
        this.damagedIndexFiles = index.damaged();
        this.parallelism = parallelism;
        this.progress = new Progress(Operation.RESTORE, listener);
    }

    /**
     * The counts of a finished restore.
     *
     * @param files regular files written
     * @param bytes bytes written
     */
    public record Outcome(long files, long bytes) {
    }

    /** Refuses a target that exists and is not an empty directory; creates it otherwise. */
    public static void prepareTarget(Path target) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw invalidTarget(target, "it exists and is not a directory");
                }
                try (Stream<Path> children = Files.list(target)) {
                    if (children.findAny().isPresent()) {
                        throw invalidTarget(target, "it is not empty");
                    }
                }
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "cannot create the restore target " + target
                    + ": " + e.getMessage(), "check the path and its permissions", e);
        }
    }

    /** Restores the backup an entry describes into {@code target}, which {@link #prepareTarget} prepared. */
    public Outcome run(CatalogEntry entry, Path target) {
        Path root = target.toAbsolutePath().normalize();
        String backupObject = RepositoryLayout.BACKUPS + entry.id();
        progress.total(entry.stats().sourceBytes());
        List<BlobId> manifest = entry.manifest().stream().map(BlobId::parse).toList();
        List<ManifestEntry> directories = new ArrayList<>();
        List<ManifestEntry> links = new ArrayList<>();
        int[] chunkSize = new int[1];
        long[] files = new long[1];
        ExecutorService workers = Workers.workers("firedrill-restore", parallelism);
        ChunkRuns runs = new ChunkRuns(reader, workers, parallelism, maxRunBytes, progress);
        List<PendingFile> open = new ArrayList<>();
        try {
            ManifestReader.read(backupObject, manifest, this::locate, reader,
                    (ManifestHeader header) -> chunkSize[0] = checkHeader(header, entry, backupObject),
                    e -> {
                        progress.checkCancelled();
                        Path path = SafePaths.resolve(root, e.path(), backupObject);
                        switch (e.type()) {
                            case ManifestEntry.DIR -> {
                                createDirectory(path);
                                directories.add(e);
                            }
                            case ManifestEntry.SYMLINK -> links.add(e);
                            case ManifestEntry.FILE -> {
                                files[0]++;
                                PendingFile file = startFile(path, e, chunkSize[0], runs, backupObject);
                                open.add(file);
                                if (open.size() >= MAX_OPEN_FILES) {
                                    finishAll(open, runs, workers);
                                }
                            }
                            default -> throw new io.firedrill.api.CorruptObjectException(backupObject,
                                    "its manifest has an entry of unknown type '" + e.type() + "'");
                        }
                    });
            finishAll(open, runs, workers);
        } finally {
            workers.shutdownNow();
            for (PendingFile f : open) {
                f.closeQuietly();
            }
        }
        // Links after every file is written (no link can redirect a write), but before directory attributes:
        // creating a link changes its directory's time and needs the directory to be writable.
        for (ManifestEntry link : links) {
            createLink(root, SafePaths.resolve(root, link.path(), backupObject), link, backupObject);
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            ManifestEntry d = directories.get(i);
            applyAttributes(SafePaths.resolve(root, d.path(), backupObject), d);
        }
        return new Outcome(files[0], progress.done());
    }

    private int checkHeader(ManifestHeader header, CatalogEntry entry, String backupObject) {
        if (header.fileChunkSize() != expectedChunkSize || !entry.id().equals(header.backup())) {
            throw new io.firedrill.api.CorruptObjectException(backupObject, "its manifest belongs to backup "
                    + header.backup() + " with chunk size " + header.fileChunkSize() + ", expected " + entry.id()
                    + " with " + expectedChunkSize);
        }
        return header.fileChunkSize();
    }

    private static FiredrillException invalidTarget(Path target, String why) {
        return new FiredrillException(ErrorCode.INVALID_TARGET, "cannot restore into " + target + ": " + why,
                "restore into a new or empty directory; Firedrill never restores over existing data");
    }

    /**
     * Where a blob is. A blob no index lists is missing; when some index files could not be read, they are the
     * likely cause, so the error names them rather than only the blob.
     */
    private BlobLocation locate(BlobId id) {
        return index.find(id).orElseThrow(() -> damagedIndexFiles.isEmpty()
                ? new io.firedrill.api.ObjectNotFoundException("blob " + id + " (no index file lists it)",
                        "the repository index")
                : new io.firedrill.api.CorruptObjectException(String.join(", ", new TreeSet<>(
                        damagedIndexFiles.keySet())), "the restore needs blob " + id
                        + ", and the index files that could list it are damaged: " + damagedIndexFiles));
    }

    private PendingFile startFile(Path path, ManifestEntry e, int chunkSize, ChunkRuns runs,
                                  String backupObject) {
        try {
            Files.createDirectories(path.getParent());
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            PendingFile file = new PendingFile(path, e, channel);
            List<String> chunks = e.chunks() == null ? List.of() : e.chunks();
            long size = e.size() == null ? -1 : e.size();
            if (size < 0 || FixedChunking.chunkCount(size, chunkSize) != chunks.size()) {
                throw new io.firedrill.api.CorruptObjectException(backupObject,
                        "its manifest lists " + chunks.size() + " chunks for " + e.path() + " of " + size + " bytes");
            }
            for (int i = 0; i < chunks.size(); i++) {
                String hex = chunks.get(i);
                if (hex == null) {
                    continue;
                }
                long offset = (long) i * chunkSize;
                int expectedLength = FixedChunking.chunkLength(size, chunkSize, i);
                BlobId id = BlobId.parse(hex);
                BlobLocation location = locate(id);
                if (location.rawLength() != expectedLength) {
                    throw new io.firedrill.api.CorruptObjectException(location.pack().objectName(), "blob " + id
                            + " holds " + location.rawLength() + " bytes where " + e.path() + " needs "
                            + expectedLength);
                }
                runs.add(id, location, channel, offset, path);
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException("writing " + path + " failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Waits for every chunk in flight, then finishes (syncs, closes, dates) the open files in parallel: a
     * restore of thousands of small files must not sync them one by one.
     */
    private static void finishAll(List<PendingFile> open, ChunkRuns runs, ExecutorService workers) {
        runs.awaitAll();
        List<Future<?>> finishing = new ArrayList<>(open.size());
        for (PendingFile f : open) {
            finishing.add(workers.submit(f::finish));
        }
        for (Future<?> f : finishing) {
            Workers.await(f);
        }
        open.clear();
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static void createLink(Path root, Path path, ManifestEntry link, String backupObject) {
        try {
            for (Path p = path.getParent(); p != null && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new io.firedrill.api.CorruptObjectException(backupObject, "its manifest puts the link '"
                            + link.path() + "' under another link, which could write outside the restore target");
                }
            }
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(link.target()));
            if (link.mtimeNanos() != null) {
                FileTime time = FileTime.from(link.mtimeNanos(), TimeUnit.NANOSECONDS);
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(time, null, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating the link " + path + " failed: " + e.getMessage(), e);
        }
    }

    static void applyAttributes(Path path, ManifestEntry e) {
        try {
            if (e.mode() != null) {
                Files.setPosixFilePermissions(path, FileAttributes.toPermissions(e.mode()));
            }
            if (e.mtimeNanos() != null) {
                Files.setLastModifiedTime(path, FileTime.from(e.mtimeNanos(), TimeUnit.NANOSECONDS));
            }
        } catch (UnsupportedOperationException ignored) {
            // a file system without POSIX permissions keeps its defaults
        } catch (IOException ex) {
            throw new UncheckedIOException("setting attributes of " + path + " failed: " + ex.getMessage(), ex);
        }
    }

    /** A file being written. */
    private static final class PendingFile {
        private final Path path;
        private final ManifestEntry entry;
        private final FileChannel channel;

        PendingFile(Path path, ManifestEntry entry, FileChannel channel) {
            this.path = path;
            this.entry = entry;
            this.channel = channel;
        }

        /** Sets the final length (creating trailing holes), syncs, closes, applies time and mode. */
        void finish() {
            try {
                long size = entry.size() == null ? 0 : entry.size();
                if (channel.size() < size) {
                    channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
                }
                // A restored file is durable before the restore reports success: a database started on it
                // after a crash of the host must not find half-written pages.
                channel.force(true);
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("finishing " + path + " failed: " + e.getMessage(), e);
            }
            applyAttributes(path, entry);
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the restore already failed; its original error is the one to report
            }
        }
    }
}

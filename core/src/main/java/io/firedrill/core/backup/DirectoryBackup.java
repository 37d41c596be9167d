package io.firedrill.core.backup;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupStats;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.ContentInspector;
import io.firedrill.api.spi.DataTree;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.chunking.FixedChunking;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestHeader;
import io.firedrill.core.manifest.ManifestWriter;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.session.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Backs up a directory tree: files are cut into fixed, page-aligned chunks that workers read, show to the tree's
 * {@link ContentInspector}, hash, and store in parallel; the manifest lists entries in tree order; the catalog entry is written last. Memory is bounded
 * by the window of chunks in flight (twice the workers), whatever the tree's size.
 */
public final class DirectoryBackup {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final int MAX_QUEUED = 10_000;

    private final Repository repository;
    private final BlobStore store;
    private final Progress progress;
    private final int chunkSize;
    private final int window;
    private long files;

    /**
     * @param repository the open repository
     * @param store the blob store of this operation
     * @param listener progress receiver
     */
    public DirectoryBackup(Repository repository, BlobStore store, ProgressListener listener) {
        this.repository = repository;
        this.store = store;
        this.progress = new Progress(Operation.BACKUP, listener);
        this.chunkSize = repository.config().chunking().fileChunkSize();
        this.window = 2 * repository.settings().parallelism();
    }

    /** A fresh backup id for a start time. */
    public static BackupId newId(Instant started) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return BackupId.of(ID_TIME.format(started) + "-" + HexFormat.of().formatHex(random));
    }

    /**
     * Backs up {@code root} and returns the entry to commit. The caller flushes the store, checks its lock and
     * writes the entry.
     *
     * @param id the backup id
     * @param root the directory
     * @param sourceName the catalog's source name
     * @param kind the backup kind
     * @param engine engine metadata for the manifest
     * @param started when the backup started
     * @param tags labels
     */
    public CatalogEntry run(BackupId id, Path root, String sourceName, String kind, Map<String, Object> engine,
                            Instant started, List<String> tags) {
        if (!Files.isDirectory(root)) {
            throw new FiredrillException(ErrorCode.SOURCE_FAILURE, "backup source " + root + " is not a directory",
                    "pass an existing directory to directory(path)");
        }
        List<BlobId> manifest = copy(id, List.of(new DataTree("", root, relative -> false)), sourceName, kind, engine);
        return entry(id, sourceName, kind, started, tags, manifest, Map.of(), List.of());
    }

    /**
     * Copies trees into the repository and writes their manifest (entries of a tree named {@code n} under
     * {@code n/}); returns the manifest's blob ids. The caller flushes the store, checks its lock and commits.
     */
    public List<BlobId> copy(BackupId id, List<DataTree> trees, String sourceName, String kind,
                             Map<String, Object> engine) {
        ManifestWriter manifest = new ManifestWriter(new ManifestHeader(1, id.value(), sourceName, kind, chunkSize,
                engine), repository.streamChunker(), repository.hasher(), store);
        ExecutorService workers = Workers.workers("firedrill-backup", repository.settings().parallelism());
        Pipeline pipeline = new Pipeline(workers, manifest);
        try {
            for (DataTree tree : trees) {
                String prefix = tree.name().isEmpty() ? "" : tree.name() + "/";
                if (!tree.name().isEmpty()) {
                    BasicFileAttributes rootAttrs = Files.readAttributes(tree.root(), BasicFileAttributes.class);
                    pipeline.ready(new ManifestEntry(tree.name(), ManifestEntry.DIR, FileAttributes.mode(tree.root()),
                            nanos(rootAttrs), null, null, null));
                }
                TreeWalk.walk(tree.root(), tree.exclude(), (path, relative, attrs) -> {
                    progress.checkCancelled();
                    String name = prefix + relative;
                    if (attrs.isRegularFile()) {
                        files++;
                        pipeline.file(path, name, attrs, tree.inspector(), relative);
                    } else if (attrs.isDirectory()) {
                        pipeline.ready(new ManifestEntry(name, ManifestEntry.DIR, FileAttributes.mode(path),
                                nanos(attrs), null, null, null));
                    } else {
                        pipeline.ready(new ManifestEntry(name, ManifestEntry.SYMLINK, null, nanos(attrs), null, null,
                                Files.readSymbolicLink(path).toString()));
                    }
                });
            }
            pipeline.drain(0);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a backup tree failed: " + e.getMessage(), e);
        } finally {
            pipeline.abandon();
            workers.shutdownNow();
            awaitQuietly(workers);
        }
        return manifest.finish();
    }

    /** The catalog entry for a finished backup, after {@code store.flush()}. */
    public CatalogEntry entry(BackupId id, String sourceName, String kind, Instant started, List<String> tags,
                              List<BlobId> manifestBlobs, Map<String, String> summary, List<BlobId> details) {
        return entry(repository, store, id, sourceName, kind, started, tags, manifestBlobs, summary, details, files,
                progress.done());
    }

    /**
     * The catalog entry for a finished backup of {@code files} files (or streams) holding {@code bytes} bytes:
     * flushes the store first, so every blob the entry names is durable.
     */
    public static CatalogEntry entry(Repository repository, BlobStore store, BackupId id, String sourceName,
                                     String kind, Instant started, List<String> tags, List<BlobId> manifestBlobs,
                                     Map<String, String> summary, List<BlobId> details, long files, long bytes) {
        store.flush();
        BackupStats stats = new BackupStats(files, bytes, store.newBlobs(), store.newRawBytes(), store.storedBytes());
        return new CatalogEntry(1, id.value(), sourceName, kind, repository.settings().host(), started.toString(),
                repository.settings().clock().instant().toString(), tags, stats, summary,
                manifestBlobs.stream().map(BlobId::hex).toList(),
                details.isEmpty() ? null : details.stream().map(BlobId::hex).toList());
    }

    /** Commits an entry: the backup becomes visible. */
    public static BackupInfo commit(Catalog catalog, CatalogEntry entry) {
        catalog.write(entry);
        return entry.info();
    }

    private static long nanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keeps manifest order while chunks are processed out of order: a FIFO of entries that are ready and of
     * files whose chunks are still in flight, bounded by {@link #window} chunks.
     */
    private final class Pipeline {
        private final ExecutorService workers;
        private final ManifestWriter manifest;
        private final Deque<Object> queue = new ArrayDeque<>();
        private int chunksInFlight;

        Pipeline(ExecutorService workers, ManifestWriter manifest) {
            this.workers = workers;
            this.manifest = manifest;
        }

        void ready(ManifestEntry entry) {
            queue.add(entry);
            drain(window);
        }

        void file(Path path, String relative, BasicFileAttributes attrs, ContentInspector inspector,
                  String treeRelative) throws IOException {
            long size = attrs.size();
            FileChannel channel = null;
            if (size > 0) {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                } catch (NoSuchFileException gone) {
                    return;
                }
            }
            PendingFile file = new PendingFile(relative, FileAttributes.mode(path), nanos(attrs), size, channel);
            queue.add(file);
            long count = FixedChunking.chunkCount(size, chunkSize);
            for (long i = 0; i < count; i++) {
                int length = FixedChunking.chunkLength(size, chunkSize, i);
                Future<String> f = workers.submit(new FileChunkTask(channel, i * chunkSize, length, chunkSize,
                        repository.hasher(), store, inspector, treeRelative));
                file.chunks.add(f);
                chunksInFlight++;
                progress.add(length);
                drain(window);
                progress.checkCancelled();
            }
            file.submitted = true;
            drain(window);
        }

        /**
         * Writes finished entries from the head of the queue, waiting for chunks while more than {@code limit}
         * are in flight or too many entries are queued.
         */
        void drain(int limit) {
            while (!queue.isEmpty()) {
                Object head = queue.peek();
                if (head instanceof ManifestEntry entry) {
                    manifest.add(entry);
                    queue.poll();
                    continue;
                }
                PendingFile file = (PendingFile) head;
                while (file.collected < file.chunks.size()) {
                    Future<String> next = file.chunks.get(file.collected);
                    if (!next.isDone() && chunksInFlight <= limit && queue.size() <= MAX_QUEUED) {
                        break;
                    }
                    file.ids.add(Workers.await(next));
                    file.chunks.set(file.collected, null);
                    file.collected++;
                    chunksInFlight--;
                }
                if (!file.submitted || file.collected < file.chunks.size()) {
                    return;
                }
                file.close();
                manifest.add(new ManifestEntry(file.path, ManifestEntry.FILE, file.mode, file.mtime, file.size,
                        file.ids, null));
                queue.poll();
            }
        }

        void abandon() {
            for (Object o : queue) {
                if (o instanceof PendingFile f) {
                    f.chunks.forEach(c -> {
                        if (c != null) {
                            c.cancel(true);
                        }
                    });
                    f.close();
                }
            }
        }
    }

    private static final class PendingFile {
        final String path;
        final Integer mode;
        final long mtime;
        final long size;
        final FileChannel channel;
        final List<Future<String>> chunks = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        int collected;
        boolean submitted;

        PendingFile(String path, Integer mode, long mtime, long size, FileChannel channel) {
            this.path = path;
            this.mode = mode;
            this.mtime = mtime;
            this.size = size;
            this.channel = channel;
        }

        void close() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

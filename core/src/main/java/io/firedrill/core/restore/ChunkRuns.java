package io.firedrill.core.restore;

import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobRun;
import io.firedrill.core.repository.Workers;
import io.firedrill.core.session.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The chunk writes of a directory restore. Chunks arrive in manifest order and wait in a window (at most
 * {@value #WINDOW_RUNS} runs' worth of plaintext, or {@value #WINDOW_CHUNKS} chunks); a full window is sorted by
 * pack and offset, and chunks whose blobs lie back to back in one pack join a {@link BlobRun} (across file
 * boundaries too). Sorting matters: a backup stores the chunks its workers finish in the order they finish, so
 * neighbouring chunks of a file are often swapped in their pack. Each run becomes one worker task, so one ranged
 * read fetches it; at most {@code 4 × parallelism} runs are queued, and a worker streams its run one blob at a
 * time. The window holds locations only, never chunk data.
 */
final class ChunkRuns {
    private final BlobReader reader;
    private final ExecutorService workers;
    private final int maxQueued;
    private final int maxRunBytes;
    private final Progress progress;
    private static final int WINDOW_RUNS = 4;
    private static final int WINDOW_CHUNKS = 4096;
    private static final Comparator<Pending> PACK_ORDER = Comparator
            .comparing((Pending p) -> p.location().pack().id()).thenComparingLong(p -> p.location().offset());
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();
    private final List<Pending> window = new ArrayList<>();
    private long windowBytes;

    /** Where one chunk's plaintext goes. */
    private record Target(FileChannel channel, long offset, Path path) {
    }

    /** A chunk waiting in the window. */
    private record Pending(BlobId id, BlobLocation location, Target target) {
    }

    ChunkRuns(BlobReader reader, ExecutorService workers, int parallelism, int maxRunBytes, Progress progress) {
        this.reader = reader;
        this.workers = workers;
        this.maxQueued = 4 * parallelism;
        this.maxRunBytes = maxRunBytes;
        this.progress = progress;
    }

    /** Queues the write of a chunk at {@code offset} of a file. */
    void add(BlobId id, BlobLocation location, FileChannel channel, long offset, Path path) {
        window.add(new Pending(id, location, new Target(channel, offset, path)));
        windowBytes += location.rawLength();
        if (windowBytes >= (long) WINDOW_RUNS * maxRunBytes || window.size() >= WINDOW_CHUNKS) {
            dispatch();
        }
    }

    /** Submits the window and waits for every run to be written. */
    void awaitAll() {
        dispatch();
        while (!inFlight.isEmpty()) {
            Workers.await(inFlight.poll());
        }
    }

    private void dispatch() {
        window.sort(PACK_ORDER);
        BlobRun<Target> run = new BlobRun<>(maxRunBytes);
        for (Pending p : window) {
            if (!run.accepts(p.location())) {
                submit(run);
                run = new BlobRun<>(maxRunBytes);
            }
            run.add(p.id(), p.location(), p.target());
        }
        submit(run);
        window.clear();
        windowBytes = 0;
    }

    private void submit(BlobRun<Target> run) {
        if (run.isEmpty()) {
            return;
        }
        while (inFlight.size() >= maxQueued) {
            Workers.await(inFlight.poll());
        }
        inFlight.add(workers.submit(() -> reader.readRun(run, (target, plain, length) -> {
            write(target, plain, length);
            progress.add(length);
        })));
    }

    private static void write(Target target, byte[] data, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        long position = target.offset();
        try {
            while (buffer.hasRemaining()) {
                position += target.channel().write(buffer, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target.path() + " failed: " + e.getMessage(), e);
        }
    }
}

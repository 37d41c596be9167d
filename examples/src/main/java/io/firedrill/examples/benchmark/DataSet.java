package io.firedrill.examples.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A reproducible data set: the list of files (path, size, content kind) follows from the seed and the total
 * size alone, and so does every byte of every file, whatever the order in which files are written.
 *
 * <p>Shape: about a quarter of the bytes in 256 MiB files, about 65% in medium files of 1–64 MiB, about 10% in
 * a few hundred small files of 1 KiB–4 MiB (log-uniform). Within each group the content kind alternates so that
 * compressible bytes (log lines, CSV records) and random bytes each make up about half.
 */
final class DataSet {
    static final int PAGE = 4096;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final int WRITE_BUFFER = 4 * (int) MIB;

    enum Kind { LOG, CSV, RANDOM }

    record FileSpec(int index, String path, long size, Kind kind) {
        boolean compressible() {
            return kind != Kind.RANDOM;
        }
    }

    /** What a change pass did. */
    record Change(long pagesChanged, long bytesChanged, int filesChanged) {
    }

    private final long seed;
    private final List<FileSpec> files;

    private DataSet(long seed, List<FileSpec> files) {
        this.seed = seed;
        this.files = List.copyOf(files);
    }

    /** Plans the files of a data set of about {@code totalBytes}. */
    static DataSet plan(long seed, long totalBytes) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FileSpec> out = new ArrayList<>();
        long large = Math.round(totalBytes * 0.25);
        long small = Math.round(totalBytes * 0.10);
        long medium = totalBytes - large - small;
        long[] byKind = new long[2]; // [compressible, random]

        long largeSize = Math.min(256 * MIB, Math.max(MIB, large));
        long placed = 0;
        while (placed + largeSize / 2 < large) {
            long size = Math.min(largeSize, large - placed);
            out.add(spec(out.size(), "large/volume-" + out.size() + ".dat", size, byKind, out.size()));
            placed += size;
        }
        medium += large - placed;

        int smallCount = 0;
        placed = 0;
        while (placed < small) {
            // log-uniform in [1 KiB, 4 MiB], sizes not page-aligned
            double exp = 10 + r.nextDouble() * 12;
            long size = Math.max(1, Math.min(small - placed, (long) Math.pow(2, exp) + r.nextInt(4096)));
            String path = String.format("small/d%02d/f%04d.%s", smallCount % 16, smallCount,
                    nextKindIsRandom(byKind) ? "bin" : "txt");
            out.add(spec(out.size(), path, size, byKind, smallCount));
            placed += size;
            smallCount++;
        }

        int mediumCount = 0;
        placed = 0;
        while (placed < medium) {
            long size = Math.min(medium - placed, MIB + r.nextLong(63 * MIB) + r.nextInt(4096));
            if (medium - placed - size < MIB) {
                size = medium - placed; // do not leave a tiny tail file
            }
            String path = String.format("medium/d%d/m%03d.%s", mediumCount % 4, mediumCount,
                    nextKindIsRandom(byKind) ? "bin" : "txt");
            out.add(spec(out.size(), path, size, byKind, mediumCount));
            placed += size;
            mediumCount++;
        }
        return new DataSet(seed, out);
    }

    private static boolean nextKindIsRandom(long[] byKind) {
        return byKind[0] > byKind[1];
    }

    private static FileSpec spec(int index, String path, long size, long[] byKind, int groupIndex) {
        Kind kind;
        if (nextKindIsRandom(byKind)) {
            kind = Kind.RANDOM;
            byKind[1] += size;
        } else {
            kind = (groupIndex / 2) % 2 == 0 ? Kind.LOG : Kind.CSV;
            byKind[0] += size;
        }
        return new FileSpec(index, path, size, kind);
    }

    List<FileSpec> files() {
        return files;
    }

    long totalBytes() {
        return files.stream().mapToLong(FileSpec::size).sum();
    }

    long bytes(boolean compressible) {
        return files.stream().filter(f -> f.compressible() == compressible).mapToLong(FileSpec::size).sum();
    }

    long pages() {
        return files.stream().mapToLong(f -> pages(f.size())).sum();
    }

    private static long pages(long size) {
        return (size + PAGE - 1) / PAGE;
    }

    /** Writes every file under {@code root} with {@code threads} writers. */
    void generate(Path root, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (FileSpec f : files) {
                done.add(pool.submit(() -> {
                    write(root, f);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[WRITE_BUFFER]);

    private void write(Path root, FileSpec f) throws IOException {
        Path path = root.resolve(f.path());
        Files.createDirectories(path.getParent());
        ContentGenerator content = ContentGenerator.of(f.kind(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + f.index()));
        byte[] buffer = BUFFERS.get();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = f.size();
            while (left > 0) {
                int n = (int) Math.min(buffer.length, left);
                content.fill(buffer, n);
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                left -= n;
            }
        }
    }

    /**
     * Overwrites {@code percent} of the data with random bytes, in place, and returns what changed.
     * PAGES picks that share of all 4 KiB pages uniformly; RUNS writes runs of {@code runBytes} at random
     * page-aligned offsets (files chosen in proportion to their size) until that share is reached.
     */
    Change change(Path root, double percent, BenchmarkOptions.ChangePattern pattern, int runBytes, long changeSeed)
            throws IOException {
        long totalPages = pages();
        long wanted = Math.max(1, Math.round(totalPages * percent / 100.0));
        SplittableRandom r = new SplittableRandom(changeSeed);
        if (totalPages > Integer.MAX_VALUE) {
            throw new IllegalStateException("data set too large for the page bitmap");
        }
        BitSet chosen = new BitSet((int) totalPages);
        long count = 0;
        if (pattern == BenchmarkOptions.ChangePattern.PAGES) {
            while (count < wanted) {
                int p = (int) r.nextLong(totalPages);
                if (!chosen.get(p)) {
                    chosen.set(p);
                    count++;
                }
            }
        } else {
            int runPages = runBytes / PAGE;
            long[] firstPage = firstPages();
            while (count < wanted) {
                int p = (int) r.nextLong(totalPages);
                int file = fileOfPage(firstPage, p);
                long end = file + 1 < files.size() ? firstPage[file + 1] : totalPages;
                for (long q = p; q < Math.min(end, (long) p + runPages) && count < wanted; q++) {
                    if (!chosen.get((int) q)) {
                        chosen.set((int) q);
                        count++;
                    }
                }
            }
        }
        return apply(root, chosen, r);
    }

    private long[] firstPages() {
        long[] first = new long[files.size()];
        long at = 0;
        for (int i = 0; i < files.size(); i++) {
            first[i] = at;
            at += pages(files.get(i).size());
        }
        return first;
    }

    private static int fileOfPage(long[] firstPage, long page) {
        int lo = 0;
        int hi = firstPage.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstPage[mid] <= page) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private Change apply(Path root, BitSet chosen, SplittableRandom r) throws IOException {
        long[] firstPage = firstPages();
        byte[] page = new byte[PAGE];
        ByteBuffer bb = ByteBuffer.wrap(page);
        long bytes = 0;
        long pagesChanged = 0;
        int filesChanged = 0;
        for (int i = 0; i < files.size(); i++) {
            FileSpec f = files.get(i);
            long from = firstPage[i];
            long to = from + pages(f.size());
            int next = chosen.nextSetBit((int) from);
            if (next < 0 || next >= to) {
                continue;
            }
            filesChanged++;
            try (FileChannel ch = FileChannel.open(root.resolve(f.path()), StandardOpenOption.WRITE)) {
                for (int p = next; p >= 0 && p < to; p = chosen.nextSetBit(p + 1)) {
                    long offset = (p - from) * PAGE;
                    int n = (int) Math.min(PAGE, f.size() - offset);
                    for (int k = 0; k < PAGE; k += 8) {
                        long v = r.nextLong();
                        for (int b = 0; b < 8; b++) {
                            page[k + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    bb.clear().limit(n);
                    long pos = offset;
                    while (bb.hasRemaining()) {
                        pos += ch.write(bb, pos);
                    }
                    bytes += n;
                    pagesChanged++;
                }
            }
        }
        return new Change(pagesChanged, bytes, filesChanged);
    }

    /** Compares two trees file by file; returns a description of the first difference, or null. */
    String compare(Path expectedRoot, Path actualRoot) throws IOException {
        byte[] a = new byte[(int) MIB];
        byte[] b = new byte[(int) MIB];
        for (FileSpec f : files) {
            Path x = expectedRoot.resolve(f.path());
            Path y = actualRoot.resolve(f.path());
            if (!Files.isRegularFile(y)) {
                return "missing " + f.path();
            }
            if (Files.size(y) != Files.size(x)) {
                return "size differs: " + f.path();
            }
            try (FileChannel cx = FileChannel.open(x); FileChannel cy = FileChannel.open(y)) {
                long pos = 0;
                long size = cx.size();
                while (pos < size) {
                    int n = (int) Math.min(a.length, size - pos);
                    readFully(cx, a, n, pos);
                    readFully(cy, b, n, pos);
                    if (java.util.Arrays.mismatch(a, 0, n, b, 0, n) >= 0) {
                        return "content differs: " + f.path() + " near offset " + pos;
                    }
                    pos += n;
                }
            }
        }
        return null;
    }

    private static void readFully(FileChannel ch, byte[] into, int n, long pos) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(into, 0, n);
        while (bb.hasRemaining()) {
            int k = ch.read(bb, pos + bb.position());
            if (k < 0) {
                throw new UncheckedIOException(new IOException("unexpected end of file"));
            }
        }
    }
}

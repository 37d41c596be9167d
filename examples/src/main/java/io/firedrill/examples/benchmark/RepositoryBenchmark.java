package io.firedrill.examples.benchmark;

import io.firedrill.api.BackupResult;
import io.firedrill.api.BackupStats;
import io.firedrill.api.Compression;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RestoreResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Firedrill's local file repository against {@code tar | zstd} at the same level and thread count, in one run on
 * one machine: a seeded mixed data set, a first backup, restores, a change of 1% of the data and a second
 * backup, with wall times, stored sizes and the heap of each Firedrill phase. Prints a Markdown report and
 * writes it to a file. Run it with {@code -Xmx256m}: finishing proves the heap target.
 *
 * <p>See docs/benchmarks.md for the command line and results.
 */
public final class RepositoryBenchmark {
    private static final double MIB = 1024.0 * 1024.0;
    private static final String MARKER = ".firedrill-benchmark";

    /** One timed step. {@code heap} is null for the peer; {@code outputBytes} -1 when not applicable. */
    record Step(String name, String tool, long sourceBytes, double seconds, double syncSeconds, long outputBytes,
                long onDiskBytes, HeapMeter.Reading heap, CpuMeter.Reading cpu, String note) {
        double mibPerSecond() {
            return sourceBytes / MIB / seconds;
        }
    }

    private final BenchmarkOptions options;
    private final Path data;
    private final Path peerDir;
    private final Path repo;
    private final boolean drop;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final HeapMeter heap = new HeapMeter();

    private RepositoryBenchmark(BenchmarkOptions options) {
        this.options = options;
        this.data = options.workDir().resolve("data");
        this.peerDir = options.workDir().resolve("peer");
        this.repo = options.workDir().resolve("repository");
        this.drop = switch (options.dropCaches()) {
            case YES -> true;
            case NO -> false;
            case AUTO -> Shell.canDropCaches();
        };
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new RepositoryBenchmark(options).run();
    }

    private void run() throws Exception {
        long totalBytes = Math.round(options.sizeGiB() * 1024 * 1024 * 1024);
        DataSet set = DataSet.plan(options.seed(), totalBytes);
        prepareWorkDir();
        String machine = machine();
        log("machine:\n" + machine);
        if (!drop) {
            notes.add("The page cache was NOT dropped between steps (not allowed or --drop-caches no): "
                    + "reads may have come from memory.");
        }

        log(String.format(Locale.ROOT, "generating %d files, %.2f GiB, under %s", set.files().size(),
                set.totalBytes() / MIB / 1024, data));
        long t0 = System.nanoTime();
        set.generate(data, options.threads());
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        Shell.run("sync");
        log(String.format(Locale.ROOT, "generated in %.1f s (%.0f MiB/s)", genSeconds, set.totalBytes() / MIB / genSeconds));

        Files.createDirectories(peerDir);
        Step peer1 = peerBackup("first backup", peerDir.resolve("backup-1.tar.zst"), set.totalBytes());

        char[] passphrase = "benchmark passphrase, not a secret".toCharArray();
        t0 = System.nanoTime();
        Firedrill firedrill = Firedrill.configure().repository(repo).passphrase(passphrase)
                .parallelism(options.threads()).compression(Compression.zstd(options.level()))
                .init(Encryption.passphrase(passphrase));
        double initSeconds = (System.nanoTime() - t0) / 1e9;
        notes.add(String.format(Locale.ROOT, "Repository creation (init, including the default Argon2id key "
                + "derivation, 64 MiB / 3 passes) took %.2f s; it is not part of any timed step.", initSeconds));
        try (firedrill) {
            BackupResult first = firedrillBackup(firedrill, "first backup", set.totalBytes(), 0);
            if (first == null) {
                writeReport(set, genSeconds, null, null);
                return;
            }
            firedrillRestore(firedrill, first, set);
            peerRestore(peerDir.resolve("backup-1.tar.zst"), set);

            DataSet.Change change = set.change(data, options.changePercent(), options.pattern(),
                    options.runKiB() * 1024, options.seed() + 1);
            Shell.run("sync");
            log("changed " + change);
            long repoBefore = treeBytes(repo);
            firedrillBackup(firedrill, "second backup (" + describe(options.pattern(), options.changePercent()) + ")",
                    set.totalBytes(), repoBefore);
            peerBackup("second backup (" + describe(options.pattern(), options.changePercent()) + ")",
                    peerDir.resolve("backup-2.tar.zst"), set.totalBytes());

            DataSet.Change clustered = null;
            if (options.clusteredRound()) {
                clustered = set.change(data, options.changePercent(), BenchmarkOptions.ChangePattern.RUNS,
                        options.runKiB() * 1024, options.seed() + 2);
                Shell.run("sync");
                log("changed " + clustered);
                repoBefore = treeBytes(repo);
                firedrillBackup(firedrill, "third backup (" + describe(BenchmarkOptions.ChangePattern.RUNS,
                        options.changePercent()) + ")", set.totalBytes(), repoBefore);
            }
            // The embedded case: a host service whose JVM has already run backups takes a full backup into a
            // new repository. Same data (as last changed), same settings, caches dropped as before.
            Path warmRepo = options.workDir().resolve("repository-warm");
            try (Firedrill warm = Firedrill.configure().repository(warmRepo).passphrase(passphrase)
                    .parallelism(options.threads()).compression(Compression.zstd(options.level()))
                    .init(Encryption.passphrase(passphrase))) {
                firedrillBackup(warm, warmRepo, "warm-JVM first backup (new repository)", set.totalBytes(), 0);
            }
            deleteTree(warmRepo);
            writeReport(set, genSeconds, change, clustered);
        } finally {
            heap.close();
            if (!options.keep()) {
                for (Path p : List.of(data, peerDir, repo, options.workDir().resolve("restore-firedrill"),
                        options.workDir().resolve("restore-peer"))) {
                    deleteTree(p);
                }
            }
        }
        java.util.Arrays.fill(passphrase, '\0');
    }

    private String describe(BenchmarkOptions.ChangePattern pattern, double percent) {
        String p = String.format(Locale.ROOT, "%s%%", trim(percent));
        return pattern == BenchmarkOptions.ChangePattern.PAGES
                ? p + " of 4 KiB pages changed"
                : p + " changed in " + options.runKiB() + " KiB runs";
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ---- steps ----

    private Step peerBackup(String name, Path out, long sourceBytes) throws Exception {
        Files.deleteIfExists(out);
        String command = String.format(Locale.ROOT, "tar -cf - -C %s . | zstd -%d -T%d -q -o %s",
                quote(data), options.level(), options.threads(), quote(out));
        dropCaches();
        log(name + ", tar | zstd: " + command);
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        Shell.run(command);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Reading used = cpu.read();
        double sync = Shell.syncSeconds();
        long size = Files.size(out);
        return add(new Step(name, "tar | zstd", sourceBytes, seconds, sync, size, size, null, used, command));
    }

    private BackupResult firedrillBackup(Firedrill firedrill, String name, long sourceBytes, long repoBefore)
            throws Exception {
        return firedrillBackup(firedrill, repo, name, sourceBytes, repoBefore);
    }

    private BackupResult firedrillBackup(Firedrill firedrill, Path repository, String name, long sourceBytes,
                                         long repoBefore) throws Exception {
        dropCaches();
        log(name + ", Firedrill");
        heap.reset();
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        BackupResult result;
        try {
            result = firedrill.backup().directory(data).sourceName("benchmark").run();
        } catch (OutOfMemoryError e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            add(new Step(name, "Firedrill", sourceBytes, seconds, 0, -1, -1, heap.read(), cpu.read(), "FAILED: " + e));
            return null;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Reading used = cpu.read();
        HeapMeter.Reading reading = heap.read();
        double sync = Shell.syncSeconds();
        BackupStats stats = result.backup().stats();
        long onDisk = treeBytes(repository) - repoBefore;
        add(new Step(name, "Firedrill", stats.sourceBytes(), seconds, sync, stats.storedBytes(), onDisk, reading, used,
                String.format(Locale.ROOT, "%d files, %d new blobs, %.1f MiB new raw bytes", stats.files(),
                        stats.newBlobs(), stats.newBytes() / MIB)));
        return result;
    }

    private void firedrillRestore(Firedrill firedrill, BackupResult backup, DataSet set) throws Exception {
        Path target = options.workDir().resolve("restore-firedrill");
        dropCaches();
        log("restore, Firedrill");
        heap.reset();
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        RestoreResult result;
        try {
            result = firedrill.restore().backup(backup.backup().id()).to(target).run();
        } catch (OutOfMemoryError e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            add(new Step("restore", "Firedrill", set.totalBytes(), seconds, 0, -1, -1, heap.read(), cpu.read(), "FAILED: " + e));
            deleteTree(target);
            return;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Reading used = cpu.read();
        HeapMeter.Reading reading = heap.read();
        double sync = Shell.syncSeconds();
        String diff = set.compare(data, target);
        add(new Step("restore", "Firedrill", result.bytes(), seconds, sync, -1, -1, reading, used,
                result.files() + " files; " + (diff == null ? "content identical to the source" : "MISMATCH: " + diff)));
        deleteTree(target);
    }

    private void peerRestore(Path archive, DataSet set) throws Exception {
        Path target = options.workDir().resolve("restore-peer");
        Files.createDirectories(target);
        String command = String.format(Locale.ROOT, "zstd -d -T%d -c %s | tar -xf - -C %s", options.threads(),
                quote(archive), quote(target));
        dropCaches();
        log("restore, tar | zstd: " + command);
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        Shell.run(command);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Reading used = cpu.read();
        double sync = Shell.syncSeconds();
        String diff = set.compare(data, target);
        add(new Step("restore", "tar | zstd", set.totalBytes(), seconds, sync, -1, -1, null, used,
                (diff == null ? "content identical to the source; " : "MISMATCH: " + diff + "; ") + command));
        deleteTree(target);
    }

    private Step add(Step step) {
        steps.add(step);
        log(String.format(Locale.ROOT, "  -> %.2f s, %.1f MiB/s, CPU own %.1f s, other processes %.1f s, output %s%s",
                step.seconds(), step.mibPerSecond(), step.cpu().ownSeconds() + step.cpu().childSeconds(),
                step.cpu().otherSeconds(),
                step.outputBytes() < 0 ? "-" : mib(step.outputBytes()),
                step.heap() == null ? "" : ", heap pool-peak " + mib(step.heap().poolPeak())
                        + ", sampled " + mib(step.heap().sampledPeak()) + ", live after GC "
                        + mib(step.heap().liveAfterGc())));
        return step;
    }

    private void dropCaches() throws IOException, InterruptedException {
        if (drop) {
            Shell.dropCaches();
        } else {
            Shell.run("sync");
        }
    }

    // ---- report ----

    private void writeReport(DataSet set, double genSeconds, DataSet.Change change, DataSet.Change clustered)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("### Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        md.append("Machine:\n\n").append(machine()).append('\n');
        md.append(dataSet(set, genSeconds, change, clustered)).append('\n');
        md.append(stepTable()).append('\n');
        md.append(ratios()).append('\n');
        md.append(targets()).append('\n');
        int cores = Runtime.getRuntime().availableProcessors();
        for (Step s : steps) {
            if (s.cpu().otherSeconds() > 0.1 * s.seconds() * cores) {
                notes.add(String.format(Locale.ROOT, "Other processes used %.1f CPU s during \"%s\" (%s), more than "
                        + "10%% of the machine's %.1f CPU s: that timing is disturbed.", s.cpu().otherSeconds(),
                        s.name(), s.tool(), s.seconds() * cores));
            }
        }
        if (!notes.isEmpty()) {
            md.append("Notes:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        String text = md.toString();
        System.out.println();
        System.out.println(text);
        Files.createDirectories(options.report().getParent());
        Files.writeString(options.report(), text);
        log("report written to " + options.report());
    }

    private String machine() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        String xmx = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")).reduce((a, b) -> b)
                .orElse("(no -Xmx: default max heap)");
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName())
                .reduce((a, b) -> a + ", " + b).orElse("?");
        return "| fact | value |\n| --- | --- |\n"
                + row("CPU", Shell.output("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores available to the JVM")
                + row("RAM", Shell.output("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo"))
                + row("OS / kernel", Shell.output(". /etc/os-release && echo \"$PRETTY_NAME\"") + " / "
                        + Shell.output("uname -r"))
                + row("disk / filesystem of the work dir", Shell.output("df -T " + quote(options.workDir())
                        + " | awk 'NR==2 {print $1\" (\"$2\")\"}'"))
                + row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + "; " + xmx + ", max heap " + mib(maxHeap) + "; GC " + gc)
                + row("zstd", Shell.output("zstd --version"))
                + row("tar", Shell.firstLine(Shell.output("tar --version")))
                + row("page cache dropped before each timed step", drop ? "yes (`sync; echo 3 > /proc/sys/vm/drop_caches`)" : "no");
    }

    private String dataSet(DataSet set, double genSeconds, DataSet.Change change, DataSet.Change clustered) {
        long large = set.files().stream().filter(f -> f.path().startsWith("large/")).count();
        long medium = set.files().stream().filter(f -> f.path().startsWith("medium/")).count();
        long small = set.files().stream().filter(f -> f.path().startsWith("small/")).count();
        long largeBytes = set.files().stream().filter(f -> f.path().startsWith("large/")).mapToLong(DataSet.FileSpec::size).sum();
        long mediumBytes = set.files().stream().filter(f -> f.path().startsWith("medium/")).mapToLong(DataSet.FileSpec::size).sum();
        long smallBytes = set.files().stream().filter(f -> f.path().startsWith("small/")).mapToLong(DataSet.FileSpec::size).sum();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Data set (seed %d): %d files, %s (%d bytes); compressible (log lines, CSV "
                        + "records) %s, random %s. %d large files (%s), %d medium of 1–64 MiB (%s), %d small of "
                        + "1 KiB–4 MiB (%s). Generated in %.1f s.%n",
                options.seed(), set.files().size(), mib(set.totalBytes()), set.totalBytes(), mib(set.bytes(true)),
                mib(set.bytes(false)), large, mib(largeBytes), medium, mib(mediumBytes), small, mib(smallBytes),
                genSeconds));
        if (change != null) {
            s.append(String.format(Locale.ROOT, "%nChange before the second backup (%s, seed %d): %d pages, %s "
                            + "(%.2f%% of the bytes) overwritten in place with random bytes, in %d of %d files.%n",
                    describe(options.pattern(), options.changePercent()), options.seed() + 1, change.pagesChanged(),
                    mib(change.bytesChanged()), 100.0 * change.bytesChanged() / set.totalBytes(), change.filesChanged(),
                    set.files().size()));
        }
        if (clustered != null) {
            s.append(String.format(Locale.ROOT, "%nChange before the third backup (%s, seed %d): %d pages, %s "
                            + "(%.2f%% of the bytes), in %d files.%n",
                    describe(BenchmarkOptions.ChangePattern.RUNS, options.changePercent()), options.seed() + 2,
                    clustered.pagesChanged(), mib(clustered.bytesChanged()),
                    100.0 * clustered.bytesChanged() / set.totalBytes(), clustered.filesChanged()));
        }
        return s.toString();
    }

    private String stepTable() {
        StringBuilder t = new StringBuilder();
        t.append("| step | tool | source | wall s | MiB/s | sync after, s | CPU s (own) | CPU s (other processes) "
                + "| stored / output | on disk | heap: sum of pool peaks | heap: sampled peak | heap: live after GC "
                + "| RSS peak | notes |\n");
        t.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Step s : steps) {
            HeapMeter.Reading h = s.heap();
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.1f | %.2f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.name(), s.tool().replace("|", "\\|"), mib(s.sourceBytes()), s.seconds(), s.mibPerSecond(), s.syncSeconds(),
                    s.cpu().ownSeconds() + s.cpu().childSeconds(), s.cpu().otherSeconds(),
                    s.outputBytes() < 0 ? "–" : mib(s.outputBytes()), s.onDiskBytes() < 0 ? "–" : mib(s.onDiskBytes()),
                    h == null ? "–" : mib(h.poolPeak()), h == null ? "–" : mib(h.sampledPeak()),
                    h == null ? "–" : h.collections() == 0 ? "no GC" : mib(h.liveAfterGc()),
                    h == null ? "–" : h.rssPeak() < 0 ? "?" : mib(h.rssPeak()),
                    s.note().replace("|", "\\|")));
        }
        return t.toString();
    }

    private Step find(String prefix, String tool) {
        return steps.stream().filter(s -> s.name().startsWith(prefix) && s.tool().equals(tool)
                && !s.note().startsWith("FAILED")).findFirst().orElse(null);
    }

    private String ratios() {
        StringBuilder t = new StringBuilder("| comparison | Firedrill | tar \\| zstd | Firedrill / peer |\n| --- | ---: | ---: | ---: |\n");
        for (String prefix : List.of("first backup", "restore", "second backup")) {
            Step f = find(prefix, "Firedrill");
            Step p = find(prefix, "tar | zstd");
            if (f == null || p == null) {
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %s: wall time | %.2f s | %.2f s | %.2f |%n", prefix, f.seconds(),
                    p.seconds(), f.seconds() / p.seconds()));
            t.append(String.format(Locale.ROOT, "| %s: throughput | %.1f MiB/s | %.1f MiB/s | %.2f |%n", prefix,
                    f.mibPerSecond(), p.mibPerSecond(), f.mibPerSecond() / p.mibPerSecond()));
            t.append(String.format(Locale.ROOT, "| %s: wall + sync | %.2f s | %.2f s | %.2f |%n", prefix,
                    f.seconds() + f.syncSeconds(), p.seconds() + p.syncSeconds(),
                    (f.seconds() + f.syncSeconds()) / (p.seconds() + p.syncSeconds())));
            if (f.outputBytes() >= 0 && p.outputBytes() >= 0) {
                t.append(String.format(Locale.ROOT, "| %s: bytes stored | %s | %s | %.3f |%n", prefix,
                        mib(f.outputBytes()), mib(p.outputBytes()), (double) f.outputBytes() / p.outputBytes()));
            }
        }
        return t.toString();
    }

    private String targets() {
        Step f1 = find("first backup", "Firedrill");
        Step p1 = find("first backup", "tar | zstd");
        Step f2 = find("second backup", "Firedrill");
        Step f3 = find("third backup", "Firedrill");
        StringBuilder t = new StringBuilder("| target | measured | met? |\n| --- | --- | --- |\n");
        if (f1 != null && p1 != null) {
            t.append(String.format(Locale.ROOT, "| first backup throughput ≥ tar \\| zstd (-%d, -T%d) | %.1f vs %.1f MiB/s (%.2f×) | %s |%n",
                    options.level(), options.threads(), f1.mibPerSecond(), p1.mibPerSecond(),
                    f1.mibPerSecond() / p1.mibPerSecond(), yes(f1.mibPerSecond() >= p1.mibPerSecond())));
        }
        Step warm = find("warm-JVM first backup", "Firedrill");
        if (warm != null && p1 != null) {
            t.append(String.format(Locale.ROOT, "| warm-JVM first backup (embedded use) throughput ≥ tar \\| zstd | %.1f vs %.1f MiB/s (%.2f×) | %s |%n",
                    warm.mibPerSecond(), p1.mibPerSecond(), warm.mibPerSecond() / p1.mibPerSecond(),
                    yes(warm.mibPerSecond() >= p1.mibPerSecond())));
        }
        for (Step s : new Step[] {f2, f3}) {
            if (f1 == null || s == null) {
                continue;
            }
            double share = (double) s.outputBytes() / f1.outputBytes();
            double time = s.seconds() / f1.seconds();
            t.append(String.format(Locale.ROOT, "| %s stores < 3%% of the first's bytes | %s of %s = %.2f%% | %s |%n",
                    s.name(), mib(s.outputBytes()), mib(f1.outputBytes()), 100 * share, yes(share < 0.03)));
            t.append(String.format(Locale.ROOT, "| %s takes ≤ 0.5× the first's time | %.2f s of %.2f s = %.2f× | %s |%n",
                    s.name(), s.seconds(), f1.seconds(), time, yes(time <= 0.5)));
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        long worstPool = steps.stream().filter(s -> s.heap() != null).mapToLong(s -> s.heap().poolPeak()).max().orElse(-1);
        long worstLive = steps.stream().filter(s -> s.heap() != null).mapToLong(s -> s.heap().liveAfterGc()).max().orElse(-1);
        boolean failed = steps.stream().anyMatch(s -> s.note().startsWith("FAILED"));
        boolean capped = maxHeap <= 256L * 1024 * 1024;
        t.append(String.format(Locale.ROOT, "| heap ≤ 256 MiB | every phase ran %s (max heap %s); worst sum of pool peaks %s, "
                        + "worst live heap after GC %s | %s |%n",
                capped ? "under -Xmx256m" : "WITHOUT a 256 MiB cap", mib(maxHeap), mib(worstPool), mib(worstLive),
                failed ? "no (a phase failed)" : capped ? "yes" : (worstPool <= 256L * 1024 * 1024 ? "likely (not capped)" : "unproven")));
        return t.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v.replace("|", "\\|") + " |\n";
    }

    // ---- files ----

    private void prepareWorkDir() throws IOException {
        Path w = options.workDir();
        if (Files.exists(w)) {
            boolean ours = Files.exists(w.resolve(MARKER));
            boolean empty;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(w)) {
                empty = !s.iterator().hasNext();
            }
            if (!ours && !empty) {
                throw new IOException(w + " exists and is not a benchmark work directory (no " + MARKER
                        + "); pass an empty or new --work-dir");
            }
            for (Path p : List.of(data, peerDir, repo, w.resolve("restore-firedrill"), w.resolve("restore-peer"))) {
                deleteTree(p);
            }
        }
        Files.createDirectories(w);
        Files.writeString(w.resolve(MARKER), "work directory of io.firedrill.examples.benchmark.RepositoryBenchmark\n");
    }

    static long treeBytes(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    private static void log(String message) {
        System.err.println("[benchmark] " + message);
    }
}

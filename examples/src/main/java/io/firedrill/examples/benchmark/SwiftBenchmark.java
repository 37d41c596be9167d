package io.firedrill.examples.benchmark;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.file.FileStorage;
import io.firedrill.storage.swift.SwiftAuth;
import io.firedrill.storage.swift.SwiftStorage;
import io.firedrill.storage.swift.server.SwiftServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Backup and restore through Firedrill into the local file storage and into OpenStack Swift (Debian's servers,
 * started on loopback by {@link SwiftServer}), same data, same run: wall time, throughput, storage calls and (for
 * Swift) HTTP requests per GiB of source data. Options: {@code --size-gib N} (default 1), {@code --work-dir DIR}
 * (default /tmp/firedrill-swift-bench, wiped first), {@code --seed N}, {@code --report FILE}.
 */
public final class SwiftBenchmark {
    private static final double MIB = 1024 * 1024;
    private static final double GIB = 1024 * MIB;
    private static final char[] PASSPHRASE = "benchmark passphrase, not a secret".toCharArray();

    private final double sizeGiB;
    private final Path work;
    private final long seed;
    private final Path report;

    private SwiftBenchmark(double sizeGiB, Path work, long seed, Path report) {
        this.sizeGiB = sizeGiB;
        this.work = work;
        this.seed = seed;
        this.report = report;
    }

    /** Runs the benchmark and prints a Markdown report. */
    public static void main(String[] args) throws Exception {
        double size = 1;
        Path work = Path.of("/tmp/firedrill-swift-bench");
        long seed = 20240601;
        Path report = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--size-gib" -> size = Double.parseDouble(value);
                case "--work-dir" -> work = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--report" -> report = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --size-gib N --work-dir DIR --seed N --report FILE");
            }
        }
        new SwiftBenchmark(size, work, seed, report != null ? report : work.resolve("swift-report.md")).run();
    }

    /** One storage's figures. */
    private record Result(String storage, double backupSeconds, double restoreSeconds, long storedBytes,
            Map<CountingStorage.Operation, Long> backupCalls, Map<CountingStorage.Operation, Long> restoreCalls,
            long backupRequests, long restoreRequests, String restoreCheck) {
    }

    private void run() throws Exception {
        DataSet set = DataSet.plan(seed, Math.round(sizeGiB * GIB));
        Shell.run("rm -rf '" + work + "' && mkdir -p '" + work + "'");
        Path data = work.resolve("data");
        long t0 = System.nanoTime();
        set.generate(data, 2);
        log(String.format(Locale.ROOT, "generated %d files, %.1f MiB in %.1f s", set.files().size(),
                set.totalBytes() / MIB, seconds(t0)));
        List<Result> results = new ArrayList<>();
        String loadBefore = Shell.output("cut -d' ' -f1-3 /proc/loadavg");
        results.add(measure("file", set, data, () -> new FileStorage(work.resolve("file-repository")), null));
        try (SwiftServer swift = SwiftServer.start()) {
            log("started " + swift);
            SwiftStorage[] opened = new SwiftStorage[1];
            results.add(measure("swift", set, data, () -> {
                opened[0] = SwiftStorage.builder().auth(SwiftAuth.v1(swift.authUrl(), swift.user(),
                        swift.key().toCharArray())).container("benchmark").prefix("db1").createContainer(true).build();
                return opened[0];
            }, () -> opened[0].requestCount()));
        }
        String text = machine(loadBefore) + report(set, results);
        System.out.println(text);
        Files.writeString(report, text);
        log("report written to " + report);
    }

    private Result measure(String label, DataSet set, Path data, Supplier<Storage> open, LongSupplier requests)
            throws Exception {
        CountingStorage storage = new CountingStorage(open.get());
        try (Firedrill fd = Firedrill.configure().repository("bench:" + label).storageProvider(storage.provider("bench"))
                .passphrase(PASSPHRASE).parallelism(2).init(Encryption.passphrase(PASSPHRASE))) {
            Map<CountingStorage.Operation, Long> before = storage.snapshot();
            LongSupplier http = requests != null ? requests : () -> -1;
            long requestsBefore = http.getAsLong();
            Shell.run("sync");
            long t0 = System.nanoTime();
            BackupResult backup = fd.backup().directory(data).run();
            double backupSeconds = seconds(t0);
            Map<CountingStorage.Operation, Long> afterBackup = storage.snapshot();
            long requestsAfterBackup = http.getAsLong();
            log(String.format(Locale.ROOT, "%s: backup %.2f s", label, backupSeconds));
            Path target = work.resolve("restore-" + label);
            Shell.run("sync");
            long t1 = System.nanoTime();
            fd.restore().backup(backup.backup().id()).to(target).run();
            double restoreSeconds = seconds(t1);
            log(String.format(Locale.ROOT, "%s: restore %.2f s", label, restoreSeconds));
            String diff = set.compare(data, target);
            return new Result(label, backupSeconds, restoreSeconds, backup.backup().stats().storedBytes(),
                    minus(afterBackup, before), minus(storage.snapshot(), afterBackup),
                    requests == null ? -1 : requestsAfterBackup - requestsBefore,
                    requests == null ? -1 : http.getAsLong() - requestsAfterBackup,
                    diff == null ? "identical to the source" : "MISMATCH: " + diff);
        }
    }

    private String machine(String loadBefore) {
        return "| fact | value |\n| --- | --- |\n"
                + "| CPU | " + Shell.output("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores available to the JVM |\n"
                + "| OS / kernel | " + Shell.output(". /etc/os-release && echo \"$PRETTY_NAME\"") + " / "
                + Shell.output("uname -r") + " |\n"
                + "| disk / filesystem of the work dir and of Swift's devices | "
                + Shell.output("df -T '" + work + "' | awk 'NR==2 {print $1\" (\"$2\")\"}'") + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB |\n"
                + "| Swift | " + Shell.output("dpkg-query -W -f='${Version}' swift-proxy") + " (Debian), one node, "
                + "one replica, workers = 0, tempauth, on loopback |\n"
                + "| load average (1, 5, 15 min) before / after | " + loadBefore + " / "
                + Shell.output("cut -d' ' -f1-3 /proc/loadavg") + " |\n\n";
    }

    private String report(DataSet set, List<Result> results) {
        double gib = set.totalBytes() / GIB;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Data: seed %d, %d files, %.1f MiB (RepositoryBenchmark's mixed set: "
                + "half compressible text, half random bytes).%n%n", seed, set.files().size(), set.totalBytes() / MIB));
        md.append("| storage | backup s | backup MiB/s | restore s | restore MiB/s | stored MiB | storage calls per GiB "
                + "(backup) | storage calls per GiB (restore) | HTTP requests per GiB (backup / restore) | restore |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.2f | %.1f | %.1f | %s | %s | %s | %s |%n",
                    r.storage(), r.backupSeconds(), set.totalBytes() / MIB / r.backupSeconds(), r.restoreSeconds(),
                    set.totalBytes() / MIB / r.restoreSeconds(), r.storedBytes() / MIB, perGib(r.backupCalls(), gib),
                    perGib(r.restoreCalls(), gib), r.backupRequests() < 0 ? "–" : String.format(Locale.ROOT,
                            "%.0f / %.0f", r.backupRequests() / gib, r.restoreRequests() / gib), r.restoreCheck()));
        }
        Result file = results.get(0);
        Result swift = results.get(1);
        md.append(String.format(Locale.ROOT, "%nSwift / file: backup time %.2f×, restore time %.2f×.%n",
                swift.backupSeconds() / file.backupSeconds(), swift.restoreSeconds() / file.restoreSeconds()));
        return md.toString();
    }

    private static String perGib(Map<CountingStorage.Operation, Long> calls, double gib) {
        StringBuilder out = new StringBuilder();
        calls.forEach((operation, count) -> {
            if (count > 0) {
                out.append(out.length() == 0 ? "" : ", ").append(operation.name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f", count / gib));
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    private static Map<CountingStorage.Operation, Long> minus(Map<CountingStorage.Operation, Long> after,
            Map<CountingStorage.Operation, Long> before) {
        Map<CountingStorage.Operation, Long> out = new java.util.EnumMap<>(CountingStorage.Operation.class);
        after.forEach((operation, count) -> out.put(operation, count - before.getOrDefault(operation, 0L)));
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void log(String message) {
        System.err.println("[swift-benchmark] " + message);
    }
}

package io.firedrill.examples.benchmark;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import io.firedrill.core.storage.file.FileStorage;
import io.firedrill.storage.s3.S3Storage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backup and restore throughput, and storage requests per GiB, of the same data in the same run: into the local
 * file storage, and into S3 (S3Proxy in this JVM, file-system back end on the same disk, over loopback HTTP with
 * signature v4). Every storage call is counted by a {@link CountingStorage} wrapper.
 *
 * <p>Options: {@code --size-gib N} (default 1), {@code --threads N} (default 2), {@code --seed N},
 * {@code --work-dir DIR} (default /tmp/firedrill-storage-bench, wiped first), {@code --report FILE},
 * {@code --order file,s3|s3,file} (default file,s3: which target runs first, and so pays the JVM's warm-up).
 */
public final class StorageBenchmark {
    private static final double MIB = 1024.0 * 1024;
    private static final double GIB = MIB * 1024;
    private static final String KEY = "benchmark-key";
    private static final String SECRET = "benchmark-secret-not-a-real-one";

    private double sizeGiB = 1;
    private int threads = 2;
    private long seed = 20240601;
    private Path workDir = Path.of("/tmp/firedrill-storage-bench");
    private Path report;
    private boolean s3First;

    /** A timed phase and the storage calls it made, by operation. */
    private record Phase(double seconds, Map<CountingStorage.Operation, Long> calls) {
        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Result(String target, Phase backup, Phase restore, long storedBytes) {
    }

    public static void main(String[] args) throws Exception {
        StorageBenchmark benchmark = new StorageBenchmark();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--size-gib" -> benchmark.sizeGiB = Double.parseDouble(value);
                case "--threads" -> benchmark.threads = Integer.parseInt(value);
                case "--seed" -> benchmark.seed = Long.parseLong(value);
                case "--work-dir" -> benchmark.workDir = Path.of(value);
                case "--report" -> benchmark.report = Path.of(value);
                case "--order" -> benchmark.s3First = switch (value) {
                    case "file,s3" -> false;
                    case "s3,file" -> true;
                    default -> throw new IllegalArgumentException("--order is file,s3 or s3,file, not " + value);
                };
                default -> {
                    System.err.println("unknown option " + args[i] + "; known: --size-gib --threads --seed "
                            + "--work-dir --report --order");
                    System.exit(2);
                }
            }
        }
        benchmark.run();
    }

    private void run() throws Exception {
        if (Files.exists(workDir)) {
            PathUtils.deleteDirectory(workDir);
        }
        Path data = Files.createDirectories(workDir.resolve("data"));
        DataSet set = DataSet.plan(seed, Math.round(sizeGiB * GIB));
        long t0 = System.nanoTime();
        set.generate(data, threads);
        log(String.format(Locale.ROOT, "generated %d files, %.1f MiB in %.1f s", set.files().size(),
                set.totalBytes() / MIB, seconds(t0)));

        Path s3Dir = Files.createDirectories(workDir.resolve("s3proxy"));
        S3Proxy proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(s3Dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        try (S3Client client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build()) {
            client.createBucket(r -> r.bucket("bench"));
        }
        List<Result> results = new ArrayList<>();
        try {
            for (String target : s3First ? List.of("s3", "file") : List.of("file", "s3")) {
                results.add(target.equals("file")
                        ? measure("file", new FileStorage(workDir.resolve("file-repo")), set, data)
                        : measure("s3 (S3Proxy)", S3Storage.builder().bucket("bench").prefix("repo").endpoint(endpoint)
                                .pathStyleAccess(true).credentials(KEY, SECRET).build(), set, data));
            }
        } finally {
            proxy.stop();
        }
        String text = report(set, results);
        System.out.println(text);
        Path out = report != null ? report : workDir.resolve("storage-benchmark.md");
        Files.writeString(out, text);
        log("report written to " + out);
    }

    private Result measure(String target, Storage storage, DataSet set, Path data) throws Exception {
        CountingStorage counting = new CountingStorage(storage);
        StorageProvider provider = counting.provider("bench");
        char[] passphrase = "benchmark passphrase, not a secret".toCharArray();
        Path restored = workDir.resolve("restore-" + target.replaceAll("\\W", ""));
        try (Firedrill firedrill = Firedrill.configure().repository("bench:" + target.replaceAll("\\W", ""))
                .storageProvider(provider).passphrase(passphrase).parallelism(threads)
                .init(Encryption.passphrase(passphrase))) {
            Map<CountingStorage.Operation, Long> before = counting.snapshot();
            log(target + ": backup");
            long t0 = System.nanoTime();
            BackupResult backup = firedrill.backup().directory(data).run();
            Map<CountingStorage.Operation, Long> afterBackup = counting.snapshot();
            Phase backupPhase = new Phase(seconds(t0), difference(before, afterBackup));
            log(target + ": restore");
            t0 = System.nanoTime();
            firedrill.restore().backup(backup.backup().id()).to(restored).run();
            Phase restorePhase = new Phase(seconds(t0), difference(afterBackup, counting.snapshot()));
            String mismatch = set.compare(data, restored);
            if (mismatch != null) {
                throw new IllegalStateException(target + ": the restored tree differs: " + mismatch);
            }
            PathUtils.deleteDirectory(restored);
            log(String.format(Locale.ROOT, "%s: backup %.1f s, restore %.1f s, restored tree identical", target,
                    backupPhase.seconds(), restorePhase.seconds()));
            return new Result(target, backupPhase, restorePhase, backup.backup().stats().storedBytes());
        }
    }

    private String report(DataSet set, List<Result> results) {
        double gib = set.totalBytes() / GIB;
        StringBuilder md = new StringBuilder();
        md.append("#### Run of ").append(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z")).append("\n\n");
        md.append(String.format(Locale.ROOT, "Data: %d files, %.1f MiB (seed %d, the repository benchmark's mixed "
                + "data set), %d threads (parallelism), zstd level 3, encrypted. JVM %s %s, %d cores.%n%n",
                set.files().size(), set.totalBytes() / MIB, seed, threads, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors()));
        md.append("| storage | backup s | backup MiB/s | restore s | restore MiB/s | stored MiB "
                + "| backup requests/GiB | restore requests/GiB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f |%n",
                    r.target(), r.backup().seconds(), set.totalBytes() / MIB / r.backup().seconds(),
                    r.restore().seconds(), set.totalBytes() / MIB / r.restore().seconds(), r.storedBytes() / MIB,
                    r.backup().total() / gib, r.restore().total() / gib));
        }
        md.append("\nStorage calls per phase (whole run, not per GiB):\n\n| storage | phase | put | get | ranged get "
                + "| head | list | delete |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            row(md, r.target(), "backup", r.backup());
            row(md, r.target(), "restore", r.restore());
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String target, String phase, Phase p) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d |%n", target, phase,
                p.calls().get(CountingStorage.Operation.PUT), p.calls().get(CountingStorage.Operation.GET),
                p.calls().get(CountingStorage.Operation.RANGED_GET), p.calls().get(CountingStorage.Operation.HEAD),
                p.calls().get(CountingStorage.Operation.LIST), p.calls().get(CountingStorage.Operation.DELETE)));
    }

    private static Map<CountingStorage.Operation, Long> difference(Map<CountingStorage.Operation, Long> from,
                                                                   Map<CountingStorage.Operation, Long> to) {
        Map<CountingStorage.Operation, Long> out = new EnumMap<>(CountingStorage.Operation.class);
        to.forEach((operation, count) -> out.put(operation, count - from.get(operation)));
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void log(String message) {
        System.err.println("[storage-benchmark] " + message);
    }
}

package io.firedrill.examples;

import io.firedrill.api.BackupResult;
import io.firedrill.api.DrillReport;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.PruneReport;
import io.firedrill.api.ReadData;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * The README's demo: back up a sample directory tree into an encrypted local repository, change it, back it up
 * again (only the change is stored), verify every byte, restore, compare, run a restore drill and prune.
 * Everything happens under a temporary directory that is deleted at the end.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Runs the demo. Optional argument: a work directory to keep (default: a temporary one, deleted after). */
    public static void main(String[] args) throws IOException {
        boolean keep = args.length > 0;
        Path work = keep ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("firedrill-demo-");
        char[] passphrase = "correct horse battery staple".toCharArray();
        try {
            Path source = step("generate a sample tree (30 MiB, 200 files)", () -> SampleTree.write(work.resolve("data"), 1));
            Path repository = work.resolve("repository");
            try (Firedrill firedrill = step("create an encrypted repository at " + repository, () ->
                    Firedrill.configure().repository(repository).passphrase(passphrase)
                            .init(Encryption.passphrase(passphrase)))) {

                BackupResult first = step("first backup", () -> firedrill.backup().directory(source).tag("demo").run());
                System.out.printf("    %s: %d files, %s read, %s stored%n", first.backup().id(),
                        first.backup().stats().files(), mib(first.backup().stats().sourceBytes()),
                        mib(first.backup().stats().storedBytes()));

                step("change 1% of the files", () -> SampleTree.touch(source, 2));
                BackupResult second = step("second backup", () -> firedrill.backup().directory(source).run());
                System.out.printf("    %s: %s read, only %s stored (deduplicated against the first)%n",
                        second.backup().id(), mib(second.backup().stats().sourceBytes()),
                        mib(second.backup().stats().storedBytes()));

                VerifyReport report = step("verify, reading back every byte", () ->
                        firedrill.verify().readData(ReadData.all()).run());
                System.out.printf("    %s: %d objects checked, %s read back%n",
                        report.healthy() ? "healthy" : "PROBLEMS " + report.problems(), report.objectsChecked(),
                        mib(report.bytesRead()));
                if (!report.healthy()) {
                    throw new IllegalStateException("the repository is damaged: " + report.problems());
                }

                Path restored = work.resolve("restored");
                RestoreResult restore = step("restore the first backup", () ->
                        firedrill.restore().backup(first.backup().id()).to(restored).run());
                System.out.printf("    %d files, %s written to %s%n", restore.files(), mib(restore.bytes()), restored);
                step("restore the latest backup and compare it with the source", () -> {
                    Path latest = work.resolve("latest");
                    firedrill.restore().latest().to(latest).run();
                    SampleTree.assertSame(source, latest);
                    return latest;
                });

                DrillReport drill = step("restore drill into a throw-away sandbox", () -> firedrill.drill().run());
                drill.steps().forEach(s -> System.out.printf("    %-8s %6d ms  %s%n", s.name(), s.elapsed().toMillis(),
                        s.detail()));

                PruneReport prune = step("prune, keeping the last backup", () -> firedrill.prune()
                        .policy(RetentionPolicy.builder().keepLast(1).build()).run());
                System.out.printf("    forgot %d backup(s), deleted %d objects (%s)%n", prune.forgotten().size(),
                        prune.deletedObjects(), mib(prune.deletedBytes()));
                System.out.printf("%nDone: %d backup(s) in the repository.%n", firedrill.list().size());
            }
        } finally {
            Arrays.fill(passphrase, '\0');
            if (!keep) {
                PathUtils.deleteDirectory(work);
            }
        }
    }

    private static <T> T step(String what, Supplier<T> action) {
        System.out.printf("%n> %s%n", what);
        long start = System.nanoTime();
        T result = action.get();
        System.out.printf("    done in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
        return result;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** The demo's sample data: text-like and random files in nested directories, reproducible from a seed. */
    static final class SampleTree {
        private SampleTree() {
        }

        static Path write(Path root, long seed) {
            Random random = new Random(seed);
            try {
                for (int i = 0; i < 200; i++) {
                    Path dir = Files.createDirectories(root.resolve("dir" + (i % 10)));
                    int size = i % 20 == 0 ? 1_000_000 + random.nextInt(2_000_000) : random.nextInt(60_000);
                    byte[] bytes = new byte[size];
                    if (i % 2 == 0) {
                        random.nextBytes(bytes);
                    } else {
                        fillText(bytes, random);
                    }
                    Files.write(dir.resolve("file" + i + (i % 2 == 0 ? ".bin" : ".txt")), bytes);
                }
                Files.createSymbolicLink(root.resolve("latest"), Path.of("dir0"));
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Path touch(Path root, int files) {
            try {
                for (int i = 0; i < files; i++) {
                    int n = i * 20;
                    Path file = root.resolve("dir" + (n % 10)).resolve("file" + n + ".bin");
                    byte[] bytes = Files.readAllBytes(file);
                    bytes[bytes.length / 2] ^= 1;
                    Files.write(file, bytes);
                }
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void assertSame(Path expected, Path actual) {
            try (Stream<Path> walk = Files.walk(expected)) {
                walk.filter(Files::isRegularFile).forEach(p -> {
                    try {
                        byte[] a = Files.readAllBytes(p);
                        byte[] b = Files.readAllBytes(actual.resolve(expected.relativize(p)));
                        if (!Arrays.equals(a, b)) {
                            throw new IllegalStateException(p + " differs after restore");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("    every file is byte-identical to the source");
        }

        private static void fillText(byte[] bytes, Random random) {
            String[] words = {"backup", "restore", "drill", "recovery", "wal", "binlog", "page", "row", "index"};
            int i = 0;
            while (i < bytes.length) {
                byte[] w = (words[random.nextInt(words.length)] + (random.nextInt(8) == 0 ? "\n" : " ")).getBytes();
                for (int j = 0; j < w.length && i < bytes.length; j++) {
                    bytes[i++] = w[j];
                }
            }
        }
    }
}

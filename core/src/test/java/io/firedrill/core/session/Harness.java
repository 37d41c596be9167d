package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Shared plumbing for the fault, prune and concurrency tests: repositories over any {@link Storage} (through a
 * provider of scheme {@code faulty}), small settings that make many packs out of little data, generated trees,
 * storage snapshots and object counts.
 */
final class Harness {
    static final char[] PASSPHRASE = "correct horse".toCharArray();
    static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);
    static final int MIB = 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    private Harness() {
    }

    /** Hands out one given storage for every {@code faulty:} URI. */
    record FixedProvider(Storage storage) implements StorageProvider {
        @Override
        public String scheme() {
            return "faulty";
        }

        @Override
        public Storage open(URI uri) {
            return storage;
        }
    }

    /** Settings over {@code storage}: 1 MiB packs, short lock expiry, a lock wait of a few seconds. */
    static FluentConfiguration configure(Storage storage) {
        return Firedrill.configure()
                .repository("faulty:repo")
                .storageProvider(new FixedProvider(storage))
                .passphrase(PASSPHRASE)
                .packSize(MIB)
                .chunking(Chunking.defaults().withFileChunkSize(CHUNK))
                .parallelism(2)
                .lockExpiry(Duration.ofSeconds(2))
                .lockWait(Duration.ofSeconds(10));
    }

    /** Creates a repository in {@code storage}. */
    static Firedrill init(Storage storage) {
        return configure(storage).init(Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF));
    }

    /** Opens the repository in {@code storage}. */
    static Firedrill open(Storage storage) {
        return configure(storage).load();
    }

    /** A copy of every object of {@code source} in a new memory storage. */
    static MemoryStorage copy(Storage source, String name) {
        MemoryStorage target = new MemoryStorage(name);
        for (String object : objects(source, "").keySet()) {
            try (InputStream in = source.get(object)) {
                target.put(object, Payload.of(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    /** Every object under {@code prefix} with its size, sorted by name. */
    static Map<String, Long> objects(Storage storage, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        storage.list(prefix, (ObjectInfo info) -> out.put(info.name(), info.size()));
        return out;
    }

    /** Total size of the objects under {@code prefix}. */
    static long bytes(Storage storage, String prefix) {
        return objects(storage, prefix).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Asserts a full verify (every pack read) finds nothing wrong. */
    static VerifyReport assertHealthy(Firedrill fd, String when) {
        VerifyReport report = fd.verify().readData(ReadData.all()).run();
        assertTrue(report.healthy(), when + ": verify found " + report.problems());
        return report;
    }

    /** Restores {@code id} into a fresh directory under {@code scratch} and compares it with {@code expected}. */
    static void assertRestores(Firedrill fd, BackupId id, Path expected, Path scratch) throws IOException {
        Path target = Files.createTempDirectory(Files.createDirectories(scratch), "restore-");
        fd.restore().backup(id).to(target).run();
        Trees.assertSameTree(expected, target);
        deleteTree(target);
    }

    /**
     * Writes {@code files} files of random (incompressible) bytes, {@code minSize} to {@code maxSize} bytes each,
     * into {@code root}, some of them in a subdirectory.
     */
    static void writeTree(Path root, long seed, int files, int minSize, int maxSize) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("sub"));
        for (int i = 0; i < files; i++) {
            byte[] data = new byte[minSize + random.nextInt(maxSize - minSize + 1)];
            random.nextBytes(data);
            Path file = treeFile(root, seed, i);
            Files.write(file, data);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + seed * 1000 + i));
        }
    }

    /** The {@code i}th file {@link #writeTree} wrote with {@code seed}. */
    static Path treeFile(Path root, long seed, int i) {
        return root.resolve((i % 3 == 0 ? "sub/" : "") + "f" + seed + "-" + i + ".bin");
    }

    /** Overwrites the first {@code length} bytes of a file with random bytes. */
    static void scribble(Path file, long seed, int length) throws IOException {
        byte[] data = Files.readAllBytes(file);
        byte[] fresh = new byte[Math.min(length, data.length)];
        new Random(seed).nextBytes(fresh);
        System.arraycopy(fresh, 0, data, 0, fresh.length);
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 1000));
    }

    /** Copies a directory tree, keeping file times. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }

    /** Whether {@code type} is somewhere in the cause chain (or the suppressed exceptions) of {@code t}. */
    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (causedBy(s, type)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ReadData;
import io.firedrill.api.RestoreResult;
import io.firedrill.api.VerifyReport;
import io.firedrill.core.backup.FileAttributes;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random trees (nested directories, files of 0..300 KB including exact chunk multiples, all-zero regions that
 * become holes, relative symbolic links, random modes and nanosecond mtimes) back up and restore faithfully,
 * encrypted and unencrypted, on the file and the memory storage.
 */
class RandomTreeRoundTripPropertiesTest {
    static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);
    static final int CHUNK = 64 * 1024;
    private static final char[] PASSPHRASE = "tree-passphrase".toCharArray();
    private static final List<String> NAMES = List.of("a", "b", "data", "x y", "ünï", "a..b", ".hidden", "f-1",
            "UPPER", "z");
    private static final List<Integer> FILE_MODES = List.of(0644, 0600, 0755, 0400, 0640, 0700, 0444, 0777);
    private static final List<Integer> DIR_MODES = List.of(0755, 0700, 0750, 0775, 0555, 0500);

    record DirSpec(List<String> segments, int mode, long mtimeNanos) {
    }

    /** zeroKind: 0 none, 1 whole file, 2 one aligned chunk, 3 the tail chunk, 4 an unaligned run. */
    record FileSpec(int dir, String name, int size, long seed, int zeroKind, int zeroParam, int mode,
                    long mtimeNanos) {
    }

    record LinkSpec(int dir, String name, String target) {
    }

    record TreeSpec(List<DirSpec> dirs, List<FileSpec> files, List<LinkSpec> links) {
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void treesRoundTrip(@ForAll("trees") TreeSpec tree, @ForAll boolean encrypted, @ForAll boolean memory)
            throws IOException {
        Path work = TestDirs.create("fd-tree");
        String memName = "tree-" + UUID.randomUUID();
        try {
            Path source = Files.createDirectory(work.resolve("source"));
            build(source, tree);
            FluentConfiguration config = Firedrill.configure()
                    .chunking(Chunking.defaults().withFileChunkSize(CHUNK));
            if (memory) {
                config.repository("mem:" + memName);
            } else {
                config.repository(work.resolve("repo"));
            }
            Encryption encryption = Encryption.none();
            if (encrypted) {
                config.passphrase(PASSPHRASE);
                encryption = Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF);
            }
            Path restored = work.resolve("restored");
            BackupResult backup;
            try (Firedrill fd = config.init(encryption)) {
                assertEquals(encrypted, fd.repository().encrypted());
                backup = fd.backup().directory(source).run();
                assertEquals(countFiles(source), backup.backup().stats().files());
            }
            // Restore through a fresh handle, so nothing cached by the writer helps.
            FluentConfiguration reopen = Firedrill.configure();
            if (memory) {
                reopen.repository("mem:" + memName);
            } else {
                reopen.repository(work.resolve("repo"));
            }
            if (encrypted) {
                reopen.passphrase(PASSPHRASE);
            }
            try (Firedrill fd = reopen.load()) {
                RestoreResult result = fd.restore().backup(backup.backup().id()).to(restored).run();
                assertEquals(backup.backup().id(), result.backup());
                Trees.assertSameTree(source, restored);
                assertSameDirectoryTimes(source, restored);
                VerifyReport report = fd.verify().readData(ReadData.all()).run();
                assertTrue(report.healthy(), report.problems().toString());
            }
        } finally {
            MemoryStorageProvider.discard(memName);
            TestDirs.delete(work);
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<TreeSpec> trees() {
        Arbitrary<DirSpec> dir = Combinators.combine(
                Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(DIR_MODES), mtimes()).as(DirSpec::new);
        Arbitrary<FileSpec> file = Combinators.combine(
                Arbitraries.integers().between(-1, 4), Arbitraries.of(NAMES), sizes(),
                Arbitraries.longs(), Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.of(FILE_MODES), mtimes()).as(FileSpec::new);
        Arbitrary<String> target = Arbitraries.oneOf(
                Arbitraries.of(NAMES),
                Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l)),
                Arbitraries.of(NAMES).map(n -> "../" + n),
                Arbitraries.of(NAMES).map(n -> "./" + n + "/../" + n),
                Arbitraries.just("dangling/nowhere"));
        Arbitrary<LinkSpec> link = Combinators.combine(Arbitraries.integers().between(-1, 4), Arbitraries.of(NAMES),
                target).as(LinkSpec::new);
        return Combinators.combine(dir.list().ofMaxSize(5), file.list().ofMaxSize(8), link.list().ofMaxSize(3))
                .as(TreeSpec::new);
    }

    private static Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 5000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(CHUNK - 1, CHUNK + 1, 2 * CHUNK - 1, 3 * CHUNK + 1)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 300 * 1024)));
    }

    /** Nanosecond mtimes from 1965 to 2090. */
    private static Arbitrary<Long> mtimes() {
        long from = -157_766_400L;
        long to = 3_786_825_600L;
        return Combinators.combine(Arbitraries.longs().between(from, to), Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> s * 1_000_000_000L + n);
    }

    // ---------------------------------------------------------------- tree building

    static void build(Path root, TreeSpec tree) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<DirSpec> dirSpecs = new ArrayList<>();
        for (DirSpec d : tree.dirs()) {
            Path p = root.resolve(String.join("/", d.segments()));
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(p);
            dirs.add(p);
            dirSpecs.add(d);
        }
        List<Path> files = new ArrayList<>();
        List<FileSpec> fileSpecs = new ArrayList<>();
        for (FileSpec f : tree.files()) {
            Path parent = f.dir() < 0 || dirs.isEmpty() ? root : dirs.get(f.dir() % dirs.size());
            Path p = parent.resolve(f.name());
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.write(p, content(f));
            files.add(p);
            fileSpecs.add(f);
        }
        for (LinkSpec l : tree.links()) {
            Path parent = l.dir() < 0 || dirs.isEmpty() ? root : dirs.get(l.dir() % dirs.size());
            Path p = parent.resolve(l.name());
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createSymbolicLink(p, Path.of(l.target()));
        }
        for (int i = 0; i < files.size(); i++) {
            Files.setPosixFilePermissions(files.get(i), FileAttributes.toPermissions(fileSpecs.get(i).mode()));
            Files.setLastModifiedTime(files.get(i), FileTime.from(fileSpecs.get(i).mtimeNanos(), TimeUnit.NANOSECONDS));
        }
        // Every directory, created explicitly or as a parent, gets a mode and time; deepest first, after all
        // content is in place (writing into a directory changes its time).
        List<Path> allDirs;
        try (Stream<Path> walk = Files.walk(root)) {
            allDirs = new ArrayList<>(walk.filter(p -> !p.equals(root) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList());
        }
        allDirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        Random random = new Random(tree.hashCode());
        for (Path d : allDirs) {
            int i = dirs.indexOf(d);
            int mode = i >= 0 ? dirSpecs.get(i).mode() : 0755;
            long mtime = i >= 0 ? dirSpecs.get(i).mtimeNanos() : random.nextLong(1L << 60);
            Files.setLastModifiedTime(d, FileTime.from(mtime, TimeUnit.NANOSECONDS));
            Files.setPosixFilePermissions(d, FileAttributes.toPermissions(mode));
        }
    }

    static byte[] content(FileSpec f) {
        byte[] data = new byte[f.size()];
        new Random(f.seed()).nextBytes(data);
        int size = f.size();
        switch (f.zeroKind()) {
            case 1 -> Arrays.fill(data, (byte) 0);
            case 2 -> {
                int chunks = size / CHUNK;
                if (chunks > 0) {
                    int k = f.zeroParam() % chunks;
                    Arrays.fill(data, k * CHUNK, (k + 1) * CHUNK, (byte) 0);
                }
            }
            case 3 -> {
                if (size > 0) {
                    int lastStart = ((size - 1) / CHUNK) * CHUNK;
                    Arrays.fill(data, lastStart, size, (byte) 0);
                }
            }
            case 4 -> {
                if (size > 0) {
                    int from = f.zeroParam() % size;
                    int to = Math.min(size, from + 1 + (f.zeroParam() >>> 3) % (2 * CHUNK));
                    Arrays.fill(data, from, to, (byte) 0);
                }
            }
            default -> {
            }
        }
        return data;
    }

    static long countFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }

    /** Trees compares file times; directories should keep theirs too. */
    static void assertSameDirectoryTimes(Path expected, Path actual) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(expected)) {
            dirs = walk.filter(p -> !p.equals(expected) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path d : dirs) {
            Path rel = expected.relativize(d);
            assertEquals(Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS),
                    Files.getLastModifiedTime(actual.resolve(rel), LinkOption.NOFOLLOW_LINKS), rel + " directory mtime");
        }
    }
}

package io.firedrill.core.session;

import static io.firedrill.core.session.Harness.assertHealthy;
import static io.firedrill.core.session.Harness.assertRestores;
import static io.firedrill.core.session.Harness.objects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.CopyReport;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.Identity;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.file.FileStorage;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between repositories: byte for byte when the destination shares the source's keys, re-encrypted when it
 * has its own; incremental; with the logs engine backups need; and a destination that prunes on its own.
 */
class CopyTest {
    static final char[] OTHER = "a different passphrase".toCharArray();

    @TempDir
    Path dir;

    /** Writes generation {@code g} of a changing tree into {@code root}: earlier files stay, some change. */
    static void generation(Path root, int g) throws IOException {
        if (g == 0) {
            Harness.writeTree(root, 1, 6, 100 * 1024, 300 * 1024);
            return;
        }
        Harness.scribble(Harness.treeFile(root, 1, g % 6), 50 + g, 80 * 1024);
        Harness.writeTree(root, 10 + g, 2, 100 * 1024, 200 * 1024);
    }

    /** Backs up {@code count} more generations of a tree, keeping a copy of each; returns the ids, oldest first. */
    private List<BackupId> takeBackups(Firedrill fd, Path tree, List<Path> copies, int count) throws IOException {
        List<BackupId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int g = copies.size();
            generation(tree, g);
            Path copy = dir.resolve("gen-" + g);
            Harness.copyTree(tree, copy);
            copies.add(copy);
            ids.add(fd.backup().directory(tree).sourceName("app").run().backup().id());
        }
        return ids;
    }

    static Firedrill initOther(Storage storage) {
        return Harness.configure(storage).passphrase(OTHER).init(Encryption.passphrase(OTHER).withKdf(Harness.FAST_KDF));
    }

    static FluentConfiguration other(Storage storage) {
        return Harness.configure(storage).passphrase(OTHER);
    }

    @Test
    void aCopyOfTheSameKeysMovesPacksByteForByteIncrementallyAndRestores() throws IOException {
        MemoryStorage sourceStorage = new MemoryStorage("source");
        RecordingStorage destination = new RecordingStorage(new MemoryStorage("offsite"));
        Path tree = dir.resolve("tree");
        List<Path> generations = new ArrayList<>();
        try (Firedrill source = Harness.init(sourceStorage)) {
            List<BackupId> ids = takeBackups(source, tree, generations, 2);
            try (Firedrill offsite = other(destination).initCopyOf(source,
                    Encryption.passphrase(OTHER).withKdf(Harness.FAST_KDF))) {
                destination.reset();
                CopyReport first = source.copy().to(offsite).run();
                assertFalse(first.reencrypted());
                assertEquals(ids, first.copied().stream().map(BackupInfo::id).toList());
                Map<String, Long> packs = objects(sourceStorage, "data/");
                assertEquals(packs, objects(destination, "data/"), "every pack, same names and sizes");
                for (String pack : packs.keySet()) {
                    assertArrayEquals(read(sourceStorage, pack), read(destination, pack), pack);
                }
                assertEquals(packs.size(), destination.puts("data/"));

                List<BackupId> later = takeBackups(source, tree, generations, 1);
                Set<String> newPacks = new HashSet<>(objects(sourceStorage, "data/").keySet());
                newPacks.removeAll(packs.keySet());
                destination.reset();
                CopyReport second = source.copy().to(offsite).run();
                assertEquals(later, second.copied().stream().map(BackupInfo::id).toList());
                assertEquals(ids, second.alreadyPresent());
                assertEquals(newPacks.size(), destination.puts("data/"), "only the new packs travel");
                long newBytes = newPacks.stream().mapToLong(p -> objects(sourceStorage, p).get(p)).sum();
                assertEquals(newBytes, destination.putBytes("data/"));
                assertEquals(1, destination.puts("backups/"));

                destination.reset();
                CopyReport third = source.copy().to(offsite).run();
                assertTrue(third.copied().isEmpty());
                assertEquals(0, destination.puts("data/") + destination.puts("index/") + destination.puts("backups/"));
            }
            assertEquals(objects(sourceStorage, "backups/").keySet(), objects(destination, "backups/").keySet());
        }
        // The copy opens with its own passphrase and restores every generation byte for byte.
        try (Firedrill offsite = other(destination).load()) {
            List<BackupInfo> listed = offsite.list();
            assertEquals(3, listed.size());
            for (int i = 0; i < 3; i++) {
                assertRestores(offsite, listed.get(i).id(), generations.get(i), dir.resolve("scratch"));
            }
            assertHealthy(offsite, "the copy");
        }
    }

    @Test
    void aCopyBetweenDifferentKeysReencryptsRewritesIdsAndReadsOnlyNewChunksTheSecondTime() throws IOException {
        RecordingStorage sourceStorage = new RecordingStorage(new FileStorage(dir.resolve("source-repo")));
        RecordingStorage destination = new RecordingStorage(new FileStorage(dir.resolve("offsite-repo")));
        Path tree = dir.resolve("tree");
        List<Path> generations = new ArrayList<>();
        try (Firedrill source = Harness.init(sourceStorage); Firedrill offsite = initOther(destination)) {
            List<BackupId> ids = takeBackups(source, tree, generations, 2);
            CopyReport first = source.copy().to(offsite).run();
            assertTrue(first.reencrypted());
            assertEquals(ids, first.copied().stream().map(BackupInfo::id).toList());
            assertTrue(first.bytesWritten() > 0);
            Set<String> sharedPackNames = new HashSet<>(objects(sourceStorage, "data/").keySet());
            sharedPackNames.retainAll(objects(destination, "data/").keySet());
            assertTrue(sharedPackNames.isEmpty(), "re-encrypted packs are new objects");
            long firstData = destination.putBytes("data/");

            takeBackups(source, tree, generations, 1);
            sourceStorage.reset();
            destination.reset();
            CopyReport second = source.copy().to(offsite).run();
            assertEquals(1, second.copied().size());
            long secondData = destination.putBytes("data/");
            assertTrue(secondData < firstData / 2, "second copy wrote " + secondData + " bytes of packs, the"
                    + " first " + firstData);
            // Chunks copied earlier are paired through the manifests of the backup both hold: not read again.
            long dataRead = sourceStorage.readBytes("data/");
            assertTrue(dataRead < firstData / 2, "the second copy read " + dataRead + " bytes of source packs");
            assertHealthy(offsite, "the re-encrypted copy");
            for (int i = 0; i < 3; i++) {
                assertRestores(offsite, offsite.list().get(i).id(), generations.get(i), dir.resolve("scratch"));
            }
            assertHealthy(source, "the source");
        }
    }

    @Test
    void anOffsiteHostWithAWriteOnlyKeyReceivesCopiesItCannotRead() throws IOException {
        MemoryStorage sourceStorage = new MemoryStorage("write-only-source");
        Path tree = dir.resolve("tree");
        List<Path> generations = new ArrayList<>();
        Identity restorer = Identity.generate();
        char[] writeOnly = "offsite host".toCharArray();
        try (Firedrill source = Harness.init(sourceStorage)) {
            takeBackups(source, tree, generations, 2);
            for (boolean sameKeys : new boolean[] {true, false}) {
                MemoryStorage destination = new MemoryStorage("write-only-" + sameKeys);
                Encryption encryption = Encryption.recipients(restorer.recipient()).andWriteOnlyPassphrase(writeOnly)
                        .withKdf(Harness.FAST_KDF);
                (sameKeys ? Harness.configure(destination).initCopyOf(source, encryption)
                        : Harness.configure(destination).init(encryption)).close();
                try (Firedrill host = Harness.configure(destination).passphrase(writeOnly).load()) {
                    assertFalse(host.repository().canRead());
                    assertEquals(source.list().size(), source.copy().to(host).run().copied().size());
                    takeBackups(source, tree, generations, 1);
                    assertEquals(1, source.copy().to(host).run().copied().size());
                }
                try (Firedrill reader = Firedrill.configure().repository("faulty:repo")
                        .storageProvider(new Harness.FixedProvider(destination)).identity(restorer).load()) {
                    List<BackupInfo> listed = reader.list();
                    assertEquals(source.list(), listed);
                    assertRestores(reader, listed.get(listed.size() - 1).id(), generations.get(generations.size() - 1),
                            dir.resolve("scratch"));
                    assertHealthy(reader, "a copy written with a write-only key");
                }
            }
        }
    }

    @Test
    void engineBackupsBringTheirLogsAlongInBothModes() throws IOException {
        Path data = dir.resolve("db");
        Harness.writeTree(data, 7, 4, 50 * 1024, 100 * 1024);
        LogWritingEngine engine = new LogWritingEngine(data, "logwriting-1");
        MemoryStorage sourceStorage = new MemoryStorage("engine-source");
        try (Firedrill source = Harness.configure(sourceStorage).engineProvider(engine)
                .init(Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF))) {
            source.backup().database(LogWritingEngine.connection()).run();
            source.backup().database(LogWritingEngine.connection()).run();
            for (boolean sameKeys : new boolean[] {true, false}) {
                MemoryStorage destination = new MemoryStorage("engine-copy-" + sameKeys);
                Encryption encryption = Encryption.passphrase(OTHER).withKdf(Harness.FAST_KDF);
                try (Firedrill offsite = sameKeys ? other(destination).engineProvider(engine)
                        .initCopyOf(source, encryption)
                        : other(destination).engineProvider(engine).init(encryption)) {
                    CopyReport report = source.copy().to(offsite).run();
                    assertEquals(!sameKeys, report.reencrypted());
                    List<String> archived = names(source);
                    assertEquals(archived.size(), report.logFiles());
                    assertEquals(archived, names(offsite));
                    assertTrue(archived.get(archived.size() - 1).endsWith(".partial"), archived.toString());
                    for (String name : archived.subList(0, archived.size() - 1)) {
                        Path fetched = dir.resolve("fetched-" + sameKeys + "-" + name);
                        offsite.logs().fetch("logwriting-1", name, fetched);
                        assertArrayEquals(LogWritingEngine.segment(Integer.parseInt(name)), Files.readAllBytes(fetched));
                    }
                    // A new backup completes the .partial and adds more: only that travels, and the old .partial
                    // goes at the destination as it went at the source.
                    source.backup().database(LogWritingEngine.connection()).run();
                    CopyReport again = source.copy().to(offsite).run();
                    assertEquals(3, again.logFiles(), "two new segments and the new .partial");
                    assertEquals(names(source), names(offsite));
                    Path restored = dir.resolve("restored-" + sameKeys);
                    offsite.restore().backup(again.copied().get(0).id()).to(restored).run();
                    String last = names(source).get(names(source).size() - 2);
                    assertEquals("backup up to " + Integer.parseInt(last), Files.readString(restored.resolve("label")));
                    Trees.assertSameTree(data, restored.resolve("data"));
                    assertHealthy(offsite, "the copy with logs");
                    // The destination prunes on its own; the kept engine backup's details (its label) survive.
                    offsite.prune().policy(RetentionPolicy.builder().keepLast(1).build()).run();
                    Path afterPrune = dir.resolve("restored-after-prune-" + sameKeys);
                    offsite.restore().backup(again.copied().get(0).id()).to(afterPrune).run();
                    assertEquals("backup up to " + Integer.parseInt(last), Files.readString(afterPrune.resolve("label")));
                    assertHealthy(offsite, "the pruned copy with logs");
                }
            }
        }
    }

    @Test
    void theDestinationKeepsItsOwnRetentionAndTheSourceIsUntouched() throws IOException {
        MemoryStorage sourceStorage = new MemoryStorage("retention-source");
        MemoryStorage destination = new MemoryStorage("retention-offsite");
        Path tree = dir.resolve("tree");
        List<Path> generations = new ArrayList<>();
        try (Firedrill source = Harness.init(sourceStorage); Firedrill offsite = initOther(destination)) {
            List<BackupId> ids = takeBackups(source, tree, generations, 5);
            assertEquals(5, source.copy().to(offsite).run().copied().size());
            Map<String, Long> sourceBefore = objects(sourceStorage, "");
            RetentionPolicy stricter = RetentionPolicy.builder().keepLast(2).build();
            assertEquals(3, offsite.prune().policy(stricter).run().forgotten().size());
            assertEquals(ids.subList(3, 5), offsite.list().stream().map(BackupInfo::id).toList());
            assertHealthy(offsite, "the pruned copy");
            assertRestores(offsite, ids.get(3), generations.get(3), dir.resolve("scratch"));
            assertRestores(offsite, ids.get(4), generations.get(4), dir.resolve("scratch"));
            assertEquals(sourceBefore, objects(sourceStorage, ""), "the source is untouched");
            assertEquals(ids, source.list().stream().map(BackupInfo::id).toList());
            assertHealthy(source, "the source");
            // With the destination's policy as the selection, the forgotten backups are not sent again.
            CopyReport next = source.copy().to(offsite).retainedBy(stricter).run();
            assertTrue(next.copied().isEmpty());
            assertEquals(ids.subList(3, 5), next.alreadyPresent());
        }
    }

    @Test
    void selectionsPickBySourceIdAndLatest() throws IOException {
        MemoryStorage sourceStorage = new MemoryStorage("select-source");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Harness.writeTree(a, 3, 2, 10 * 1024, 20 * 1024);
        Harness.writeTree(b, 4, 2, 10 * 1024, 20 * 1024);
        try (Firedrill source = Harness.init(sourceStorage)) {
            BackupId a1 = source.backup().directory(a).sourceName("a").run().backup().id();
            BackupId b1 = source.backup().directory(b).sourceName("b").run().backup().id();
            BackupId a2 = source.backup().directory(a).sourceName("a").run().backup().id();
            try (Firedrill offsite = initOther(new MemoryStorage("select-1"))) {
                assertEquals(List.of(b1, a2), ids(source.copy().to(offsite).latest().run()));
            }
            try (Firedrill offsite = initOther(new MemoryStorage("select-2"))) {
                assertEquals(List.of(a1, a2), ids(source.copy().to(offsite).source("a").run()));
            }
            try (Firedrill offsite = initOther(new MemoryStorage("select-3"))) {
                assertEquals(List.of(b1), ids(source.copy().to(offsite).backup(b1).logs(false).run()));
                assertEquals(List.of(b1), offsite.list().stream().map(BackupInfo::id).toList());
            }
        }
    }

    private static List<String> names(Firedrill fd) {
        return fd.logs().list("logwriting-1").stream().map(f -> f.name()).toList();
    }

    private static List<BackupId> ids(CopyReport report) {
        return report.copied().stream().map(BackupInfo::id).toList();
    }

    private static byte[] read(Storage storage, String name) throws IOException {
        try (InputStream in = storage.get(name)) {
            return in.readAllBytes();
        }
    }
}

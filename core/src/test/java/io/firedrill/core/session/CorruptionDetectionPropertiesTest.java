package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.firedrill.api.BackupId;
import io.firedrill.api.Chunking;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.Identity;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.WrongKeyException;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * One flipped bit in any stored object is always noticed: loading fails naming the object (config, the key
 * file that would open the repository), or verify names the object and the backups it affects; a restore
 * either fails naming the object or, when it does not need the object, restores exactly what was backed up.
 *
 * <p>Damage to the config surfaces as {@link CorruptObjectException}. Damage to the key file the configured
 * passphrase would open surfaces as {@link WrongKeyException} when the repository has other key files (they
 * are tried and do not open), and that message names the damaged key file; damage to a key file that is not
 * needed to open is reported by verify.
 */
class CorruptionDetectionPropertiesTest {
    private static final char[] PASSPHRASE = "corruption-pw".toCharArray();
    private static final List<String> CATEGORIES = List.of("config", "keys/", "index/", "backups/", "data/");

    private static Path work;
    private static Base plain;
    private static Base encrypted;

    /** A pristine repository: its objects, its backups, and the trees they hold. */
    record Base(boolean encrypted, Map<String, byte[]> objects, List<BackupId> backups, List<Path> sources) {
    }

    @BeforeContainer
    static void createRepositories() throws IOException {
        work = TestDirs.create("fd-corrupt");
        Path source1 = work.resolve("source1");
        Path source2 = work.resolve("source2");
        Random random = new Random(77);
        Files.createDirectories(source1.resolve("sub"));
        Files.write(source1.resolve("a.bin"), bytes(random, 1536 * 1024));
        Files.writeString(source1.resolve("sub/notes.txt"), "first version\n".repeat(200));
        Files.write(source1.resolve("sub/holes.bin"), new byte[3 * 64 * 1024 + 5]);
        Files.createSymbolicLink(source1.resolve("link"), Path.of("sub/notes.txt"));
        // The second tree shares a.bin and adds new data, so some packs serve both backups, some one.
        Files.createDirectories(source2.resolve("sub"));
        Files.copy(source1.resolve("a.bin"), source2.resolve("a.bin"));
        Files.writeString(source2.resolve("sub/notes.txt"), "second version\n".repeat(300));
        Files.write(source2.resolve("c.bin"), bytes(random, 1200 * 1024));
        plain = build(false, source1, source2);
        encrypted = build(true, source1, source2);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        TestDirs.delete(work);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void anyFlippedBitIsDetected(@ForAll boolean encrypt, @ForAll @IntRange(max = 4) int category,
                                 @ForAll @IntRange(max = 1000) int pick, @ForAll @LongRange(max = Long.MAX_VALUE) long bit)
            throws IOException {
        Base base = encrypt ? encrypted : plain;
        List<String> candidates = new ArrayList<>();
        String prefix = CATEGORIES.get(category);
        base.objects().keySet().forEach(n -> {
            if (n.startsWith(prefix)) {
                candidates.add(n);
            }
        });
        if (candidates.isEmpty()) {
            // an unencrypted repository has no key files: damage its config instead
            candidates.add("config");
        }
        String damaged = candidates.get(pick % candidates.size());
        String name = "corrupt-" + UUID.randomUUID();
        Storage storage = new MemoryStorageProvider().open(URI.create("mem:" + name));
        try {
            base.objects().forEach((object, bytes) -> {
                byte[] copy = bytes.clone();
                if (object.equals(damaged)) {
                    long position = bit % (8L * copy.length);
                    copy[(int) (position / 8)] ^= (byte) (1 << (position % 8));
                }
                storage.put(object, Payload.of(copy));
            });
            check(base, name, damaged);
        } finally {
            MemoryStorageProvider.discard(name);
        }
    }

    private static void check(Base base, String name, String damaged) throws IOException {
        FluentConfiguration config = Firedrill.configure().repository("mem:" + name);
        if (base.encrypted()) {
            config.passphrase(PASSPHRASE);
        }
        Firedrill fd;
        try {
            fd = config.load();
        } catch (CorruptObjectException | WrongKeyException e) {
            assertTrue(damaged.equals("config") || damaged.startsWith("keys/"),
                    "only config or key damage may stop loading, " + damaged + " did: " + e);
            assertTrue(e.getMessage().contains(damaged), "the error names " + damaged + ": " + e.getMessage());
            return;
        }
        try (fd) {
            assertFalse(damaged.equals("config"), "a repository with a damaged config opened");
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            VerifyReport.Problem problem = report.problems().stream().filter(p -> p.object().equals(damaged))
                    .findFirst().orElse(null);
            assertNotNull(problem, "verify names " + damaged + ": " + report.problems());
            if (damaged.startsWith("backups/")) {
                assertTrue(problem.affectedBackups().contains(BackupId.of(damaged.substring("backups/".length()))),
                        problem.toString());
            }
            if (damaged.startsWith("data/")) {
                assertFalse(problem.affectedBackups().isEmpty(), "every pack serves a backup: " + problem);
            }
            Set<BackupId> failed = new HashSet<>();
            for (int i = 0; i < base.backups().size(); i++) {
                BackupId id = base.backups().get(i);
                Path target = work.resolve("restore-" + UUID.randomUUID());
                try {
                    fd.restore().backup(id).to(target).run();
                    Trees.assertSameTree(base.sources().get(i), target);
                } catch (FiredrillException e) {
                    assertTrue(e.getMessage().contains(damaged), "restore of " + id + " fails naming " + damaged
                            + ": " + e.getMessage());
                    failed.add(id);
                } finally {
                    TestDirs.delete(target);
                }
            }
            assertTrue(problem.affectedBackups().containsAll(failed),
                    "verify lists every backup a restore could not restore: failed " + failed + ", " + problem);
        }
    }

    private static Base build(boolean encrypt, Path source1, Path source2) {
        String name = "corrupt-base-" + UUID.randomUUID();
        FluentConfiguration config = Firedrill.configure().repository("mem:" + name)
                .chunking(Chunking.defaults().withFileChunkSize(64 * 1024)).packSize(1024 * 1024);
        Encryption encryption = Encryption.none();
        if (encrypt) {
            config.passphrase(PASSPHRASE);
            // a second key file, so damage to one of them is not the only way in
            encryption = Encryption.passphrase(PASSPHRASE).withKdf(RoundTripTest.FAST_KDF)
                    .andRecipient(Identity.generate().recipient());
        }
        List<BackupId> backups = new ArrayList<>();
        try (Firedrill fd = config.init(encryption)) {
            backups.add(fd.backup().directory(source1).run().backup().id());
            backups.add(fd.backup().directory(source2).run().backup().id());
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
        }
        Storage storage = new MemoryStorageProvider().open(URI.create("mem:" + name));
        Map<String, byte[]> objects = new TreeMap<>();
        storage.list("", info -> objects.put(info.name(), null));
        for (String object : List.copyOf(objects.keySet())) {
            try (InputStream in = storage.get(object)) {
                objects.put(object, in.readAllBytes());
            } catch (IOException e) {
                fail(e);
            }
        }
        MemoryStorageProvider.discard(name);
        objects.keySet().forEach(o -> assertFalse(o.startsWith("locks/"), "a finished operation left " + o));
        long packs = objects.keySet().stream().filter(o -> o.startsWith("data/")).count();
        long indexes = objects.keySet().stream().filter(o -> o.startsWith("index/")).count();
        assertTrue(packs >= 3 && indexes >= 2, "a repository worth damaging: " + objects.keySet());
        assertEquals(encrypt ? 2 : 0, objects.keySet().stream().filter(o -> o.startsWith("keys/")).count());
        return new Base(encrypt, objects, backups, List.of(source1, source2));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

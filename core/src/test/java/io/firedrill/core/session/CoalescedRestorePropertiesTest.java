package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the tree, the pack size, the worker count and the bound of a coalesced read, a restore that reads
 * adjacent chunks together restores the tree byte for byte (holes included), exactly as a restore that reads
 * one chunk per read, and never reads packs more often than it.
 */
class CoalescedRestorePropertiesTest {
    private static final int CHUNK = RandomTreeRoundTripPropertiesTest.CHUNK;

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    void coalescedRestoresAreByteIdentical(@ForAll("trees") RandomTreeRoundTripPropertiesTest.TreeSpec tree,
                                           @ForAll @IntRange(min = 1024, max = 3072) int packKib,
                                           @ForAll @IntRange(min = 1, max = 3) int parallelism,
                                           @ForAll("bounds") int maxRunBytes) throws IOException {
        Path work = TestDirs.create("fd-coalesced");
        try {
            Path source = Files.createDirectory(work.resolve("source"));
            RandomTreeRoundTripPropertiesTest.build(source, tree);
            RecordingStorage storage = new RecordingStorage(new MemoryStorage("coalesced"));
            FluentConfiguration config = Firedrill.configure()
                    .repository("faulty:repo")
                    .storageProvider(new Harness.FixedProvider(storage))
                    .passphrase(Harness.PASSPHRASE)
                    .packSize(packKib * 1024)
                    .parallelism(parallelism)
                    .chunking(Chunking.defaults().withFileChunkSize(CHUNK));
            BackupId id;
            try (Firedrill fd = config.init(Encryption.passphrase(Harness.PASSPHRASE).withKdf(Harness.FAST_KDF))) {
                id = fd.backup().directory(source).run().backup().id();
            }
            storage.reset();
            CoalescedRestoreReadsTest.restoreWithRunBound(config, storage, id, work.resolve("coalesced"), maxRunBytes);
            long coalescedReads = storage.reads("data/");
            Trees.assertSameTree(source, work.resolve("coalesced"));

            storage.reset();
            CoalescedRestoreReadsTest.restoreWithRunBound(config, storage, id, work.resolve("single"), 1);
            long singleReads = storage.reads("data/");
            Trees.assertSameTree(source, work.resolve("single"));
            assertTrue(coalescedReads <= singleReads, "runs of at most " + maxRunBytes + " bytes read packs "
                    + coalescedReads + " times, one chunk at a time " + singleReads);
        } finally {
            TestDirs.delete(work);
        }
    }

    @Provide
    Arbitrary<RandomTreeRoundTripPropertiesTest.TreeSpec> trees() {
        return new RandomTreeRoundTripPropertiesTest().trees();
    }

    /** Bounds below, at and above one chunk, up to many chunks. */
    @Provide
    Arbitrary<Integer> bounds() {
        return Arbitraries.oneOf(
                Arbitraries.of(1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 8 * CHUNK, 8 * 1024 * 1024),
                Arbitraries.integers().between(1, 1024 * 1024));
    }
}

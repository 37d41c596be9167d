package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.restore.DirectoryRestore;
import io.firedrill.core.storage.file.FileStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore reads the chunks that lie back to back in a pack with one ranged read: restoring N MiB of sequential
 * file data (1 MiB chunks, 16 MiB packs, two backup workers that store neighbouring chunks out of order) issues
 * about N/8 reads of packs, not N.
 */
class CoalescedRestoreReadsTest {
    private static final int FILE_MIB = 48;

    @TempDir
    Path dir;

    @Test
    void sequentialDataIsReadEightChunksAtATime() throws IOException {
        RecordingStorage storage = new RecordingStorage(new FileStorage(dir.resolve("repo")));
        Path source = Files.createDirectories(dir.resolve("source"));
        byte[] data = new byte[FILE_MIB * Harness.MIB];
        new Random(7).nextBytes(data);
        Files.write(source.resolve("big.bin"), data);
        Files.write(source.resolve("small.txt"), "a small file".getBytes());
        BackupId id;
        try (Firedrill fd = configure(storage).init(Encryption.passphrase(Harness.PASSPHRASE)
                .withKdf(Harness.FAST_KDF))) {
            id = fd.backup().directory(source).run().backup().id();
        }
        long packs = Harness.objects(storage, "data/").size();

        storage.reset();
        try (Firedrill fd = configure(storage).load()) {
            fd.restore().backup(id).to(dir.resolve("restored")).run();
        }
        Trees.assertSameTree(source, dir.resolve("restored"));
        long coalesced = storage.reads("data/");
        // One read per 8 MiB run; a run also ends where a pack ends, and the manifest is read from its pack.
        long bound = FILE_MIB / 8 + packs + 2;
        assertTrue(coalesced <= bound, "restoring " + FILE_MIB + " MiB read packs " + coalesced + " times, at most "
                + bound + " expected (" + packs + " packs)");

        storage.reset();
        restoreWithRunBound(storage, id, dir.resolve("one-by-one"), 1);
        Trees.assertSameTree(source, dir.resolve("one-by-one"));
        long single = storage.reads("data/");
        assertTrue(single >= FILE_MIB + 1, "runs of one blob read once per chunk, read " + single);
    }

    private static FluentConfiguration configure(Storage storage) {
        return Firedrill.configure()
                .repository("faulty:repo")
                .storageProvider(new Harness.FixedProvider(storage))
                .passphrase(Harness.PASSPHRASE)
                .parallelism(2);
    }

    private static void restoreWithRunBound(Storage storage, BackupId id, Path target, int maxRunBytes) {
        restoreWithRunBound(configure(storage), storage, id, target, maxRunBytes);
    }

    /** Restores through {@link DirectoryRestore} with runs of at most {@code maxRunBytes}. */
    static DirectoryRestore.Outcome restoreWithRunBound(FluentConfiguration config, Storage storage, BackupId id,
                                                        Path target, int maxRunBytes) {
        Repository repository = Repository.open(storage, config.build());
        CatalogEntry entry = new Catalog(storage, repository.documents(), 1).get(id);
        DirectoryRestore.prepareTarget(target);
        return new DirectoryRestore(repository.newBlobReader(), repository.loadIndex(),
                repository.settings().parallelism(),
                repository.config().chunking().fileChunkSize(), maxRunBytes, ProgressListener.NONE).run(entry, target);
    }
}

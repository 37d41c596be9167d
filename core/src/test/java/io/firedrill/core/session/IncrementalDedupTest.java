package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupStats;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small edits to a large file store only the chunks they touch. */
class IncrementalDedupTest {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE = 32 * MIB;
    private static final int EDIT = 100;
    /** A one-file manifest is a few hundred bytes: one blob, a second only if the cut falls oddly. */
    private static final int MANIFEST_BLOBS = 2;

    @TempDir
    Path dir;

    private final String name = "dedup-" + UUID.randomUUID();

    @AfterEach
    void discard() {
        MemoryStorageProvider.discard(name);
    }

    @Test
    void threeSmallEditsStoreAboutThreeChunks() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path file = source.resolve("big.bin");
        Random random = new Random(20240611);
        byte[] data = new byte[SIZE];
        random.nextBytes(data);
        Files.write(file, data);
        char[] pw = "dedup".toCharArray();
        try (Firedrill fd = Firedrill.configure().repository("mem:" + name).passphrase(pw)
                .init(Encryption.passphrase(pw).withKdf(RoundTripTest.FAST_KDF))) {
            int chunk = fd.repository().chunking().fileChunkSize();
            BackupStats first = fd.backup().directory(source).run().backup().stats();
            assertEquals(SIZE, first.sourceBytes());
            assertTrue(first.newBlobs() >= SIZE / chunk, first.toString());
            assertTrue(first.storedBytes() >= SIZE, "random data does not compress: " + first);

            // Three edits, each inside one chunk, at random offsets.
            Set<Integer> touched = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                int offset = random.nextInt(SIZE - EDIT);
                if (offset / chunk != (offset + EDIT - 1) / chunk) {
                    offset = (offset / chunk + 1) * chunk; // straddled a boundary: start at the next chunk
                }
                byte[] edit = new byte[EDIT];
                random.nextBytes(edit);
                System.arraycopy(edit, 0, data, offset, EDIT);
                touched.add(offset / chunk);
            }
            Files.write(file, data);

            BackupStats second = fd.backup().directory(source).run().backup().stats();
            assertEquals(SIZE, second.sourceBytes());
            assertTrue(second.newBlobs() <= touched.size() + MANIFEST_BLOBS,
                    "touched chunks " + touched + " but stored " + second);
            assertTrue(second.newBlobs() >= touched.size(), "every edited chunk is new: " + second);
            assertTrue(second.newBytes() <= (long) touched.size() * chunk + 64 * 1024, second.toString());
            assertTrue(second.storedBytes() * 10 < first.storedBytes(),
                    "second backup stored " + second.storedBytes() + " bytes, first " + first.storedBytes());

            Path restored = dir.resolve("restored");
            fd.restore().latest().to(restored).run();
            assertArrayEquals(data, Files.readAllBytes(restored.resolve("big.bin")));
        }
    }
}

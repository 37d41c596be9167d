package io.firedrill.postgres.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PageVerifier} on synthetic pages: which files and pages it checks, block numbers, and what it reports. */
class PageVerifierTest {
    private static final int PAGE = PageChecksums.PAGE_SIZE;
    private static final long START = 0x2_00000000L;
    private static final long SEGMENT_BLOCKS = 131072;

    @TempDir
    Path root;

    private final Random random = new Random(7);

    /** A valid page for {@code block} last changed at {@code lsn}. */
    private byte[] page(long block, long lsn) {
        byte[] page = new byte[PAGE];
        random.nextBytes(page);
        ByteBuffer header = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0, (int) (lsn >>> 32));
        header.putInt(4, (int) lsn);
        header.putShort(12, (short) 64);
        header.putShort(14, (short) 4096);
        PageChecksums.store(page, 0, PageChecksums.compute(page, 0, block));
        return page;
    }

    private static byte[] concat(byte[]... pages) {
        byte[] all = new byte[pages.length * PAGE];
        for (int i = 0; i < pages.length; i++) {
            System.arraycopy(pages[i], 0, all, i * PAGE, PAGE);
        }
        return all;
    }

    /** Writes the file and shows it to the verifier as one chunk at {@code offset}. */
    private void show(PageVerifier verifier, String relative, long offset, byte[] chunk) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] content = new byte[(int) offset + chunk.length];
        System.arraycopy(chunk, 0, content, (int) offset, chunk.length);
        Files.write(file, content);
        verifier.inspect(relative, offset, chunk, chunk.length);
    }

    @Test
    void reportsACorruptPageWithItsFileAndBlockAcrossSegments() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        long first = 2 * SEGMENT_BLOCKS + 128; // segment 2, second 1 MiB chunk
        byte[] bad = page(first + 1, 0x1_00000000L);
        bad[5000] ^= 1;
        show(verifier, "base/5/16384.2", 128L * PAGE, concat(page(first, 0x100), bad, page(first + 2, 0x100)));
        assertEquals(1, verifier.corruptPages());
        PageVerifier.CorruptPage corrupt = verifier.listed().get(0);
        assertEquals("base/5/16384.2", corrupt.file());
        assertEquals(first + 1, corrupt.block());
        assertEquals(PageChecksums.stored(bad, 0), corrupt.found());
        assertEquals(PageChecksums.compute(bad, 0, first + 1), corrupt.expected());
        assertEquals(3, verifier.pagesChecked());
    }

    @Test
    void checksForksGlobalAndTablespacesButNotOtherFiles() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        byte[] bad = page(0, 0x100);
        bad[100] ^= 1;
        for (String name : List.of("base/1/1259_fsm", "base/1/1259_vm", "base/1/16390_init", "global/1262")) {
            show(verifier, name, 0, bad);
        }
        PageVerifier tablespace = verifier.tablespace("pg_tblspc/16385", root.resolve("ts"));
        Files.createDirectories(root.resolve("ts/PG_15_202209061/5"));
        Files.write(root.resolve("ts/PG_15_202209061/5/16400"), bad);
        tablespace.inspect("PG_15_202209061/5/16400", 0, bad, PAGE);
        for (String name : List.of("global/pg_control", "base/1/pg_filenode.map", "base/1/PG_VERSION",
                "base/1/t3_16500", "pg_xact/0000", "pg_multixact/offsets/0000", "base/1/pg_internal.init")) {
            show(verifier, name, 0, bad);
        }
        assertEquals(List.of("base/1/1259_fsm", "base/1/1259_vm", "base/1/16390_init", "global/1262",
                        "pg_tblspc/16385/PG_15_202209061/5/16400"),
                verifier.listed().stream().map(PageVerifier.CorruptPage::file).toList());
        assertEquals(5, tablespace.corruptPages(), "one tally for the whole backup");
    }

    @Test
    void skipsZeroPagesPagesChangedDuringTheBackupAndPartialPages() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        byte[] changed = page(1, START);
        changed[3000] ^= 1; // torn or half-written: WAL replay rewrites it
        byte[] partial = new byte[3 * PAGE + 100];
        System.arraycopy(concat(new byte[PAGE], changed, page(2, 5)), 0, partial, 0, 3 * PAGE);
        show(verifier, "base/5/16384", 0, partial);
        assertEquals(0, verifier.corruptPages());
        assertEquals(1, verifier.pagesChecked());
        assertEquals(1, verifier.pagesSkipped());
    }

    @Test
    void anUninitialisedPageThatIsNotZeroIsCorrupt() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        byte[] page = page(0, 0x100);
        page[14] = 0;
        page[15] = 0;
        PageChecksums.store(page, 0, PageChecksums.compute(page, 0, 0));
        show(verifier, "base/5/16384", 0, page);
        assertEquals(1, verifier.corruptPages());
    }

    @Test
    void aTornReadIsReadAgainBeforeItIsReported() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        byte[] good = page(0, 0x100);
        byte[] torn = good.clone();
        torn[7000] ^= 1;
        Path file = root.resolve("base/5/16384");
        Files.createDirectories(file.getParent());
        Files.write(file, good);
        verifier.inspect("base/5/16384", 0, torn, PAGE);
        assertEquals(0, verifier.corruptPages(), "the file holds a good page now");
        Files.delete(file);
        verifier.inspect("base/5/16384", 0, torn, PAGE);
        assertEquals(0, verifier.corruptPages(), "a dropped relation is not reported");
    }

    @Test
    void keepsTheFirstThousandAndCountsAllFromManyThreads() throws Exception {
        PageVerifier verifier = new PageVerifier(root, START, SEGMENT_BLOCKS);
        int chunks = 24;
        int perChunk = 64;
        byte[][] data = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            byte[][] pages = new byte[perChunk][];
            for (int i = 0; i < perChunk; i++) {
                pages[i] = page(c * perChunk + i, 0x100);
                pages[i][200] ^= 1;
            }
            data[c] = concat(pages);
        }
        Path file = root.resolve("base/5/16384");
        Files.createDirectories(file.getParent());
        byte[] all = new byte[chunks * perChunk * PAGE];
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(data[c], 0, all, c * perChunk * PAGE, data[c].length);
        }
        Files.write(file, all);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            pool.submit(() -> verifier.inspect("base/5/16384", (long) chunk * perChunk * PAGE, data[chunk],
                    data[chunk].length));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        assertEquals(chunks * perChunk, verifier.corruptPages());
        assertEquals(PageVerifier.MAX_LISTED, verifier.listed().size());
        assertEquals("base/5/16384 block 0, base/5/16384 block 1 and 1534 more",
                PostgresPhysicalBackup.pageList(verifier.listed().subList(0, 2), verifier.corruptPages(), 10));
    }
}

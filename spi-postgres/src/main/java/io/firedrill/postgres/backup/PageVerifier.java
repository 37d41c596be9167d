package io.firedrill.postgres.backup;

import io.firedrill.api.spi.ContentInspector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the page checksums of a cluster's relation files as a backup reads them (a {@link ContentInspector} of the
 * data directory's and each tablespace's tree). Used only when the cluster has data checksums on.
 *
 * <p>Checked: the main, free-space-map, visibility-map and init forks of relations under {@code base/<db>/},
 * {@code global/} and a tablespace's {@code PG_<version>_<catalog>/<db>/}, every segment file ({@code <node>.<n>});
 * a page's block number is {@code n × blocks per segment + its place in the file}. Not checked, as PostgreSQL and
 * pgBackRest do: all-zero pages (extended but never written), pages whose LSN is at or after the backup's start
 * (changed while the backup reads them: the archived WAL rewrites them whole on recovery, so a torn read of them does
 * not matter), and a trailing partial page (a file being extended). A page that fails is read again from the file
 * once, so a torn read of a page being written right then is not taken for corruption: it is reported only if the
 * fresh read fails too and still predates the backup.
 *
 * <p>Corrupt pages are counted; the first {@value #MAX_LISTED} are kept with their file and block. The verifiers of
 * one backup (its data directory's and its tablespaces', made by {@link #tablespace}) share one tally.
 * Thread-safe.
 */
public final class PageVerifier implements ContentInspector {
    /** How many corrupt pages are kept with their file and block; the rest are only counted. */
    public static final int MAX_LISTED = 1000;

    private static final int PAGE = PageChecksums.PAGE_SIZE;
    /** A relation fork's file under a tree's root: its directory, node, fork and segment number. */
    private static final Pattern RELATION_FILE = Pattern.compile(
            "(?:base/[0-9]+|global|PG_[^/]+/[0-9]+)/[0-9]+(?:_fsm|_vm|_init)?(?:\\.([0-9]+))?");

    /**
     * One page whose checksum does not match its content.
     *
     * @param file the file's path in the backup (and in the restored tree), such as {@code base/5/16384} or
     *     {@code pg_tblspc/16385/PG_15_202209061/5/16390.1}
     * @param block the page's block number in its relation fork (as PostgreSQL's messages give it)
     * @param expected the checksum the page's content gives
     * @param found the checksum stored on the page
     */
    public record CorruptPage(String file, long block, int expected, int found) {
        /** Validates. */
        public CorruptPage {
            Objects.requireNonNull(file, "file");
        }
    }

    private final Tally tally;
    private final String treeName;
    private final Path root;
    private final long startLsn;
    private final long segmentBlocks;

    /**
     * A verifier for a data directory.
     *
     * @param dataDirectory the data directory (the tree named {@code ""})
     * @param startLsn the backup's start position: pages changed at or after it are not checked
     * @param segmentBlocks pages per relation segment file ({@code RELSEG_SIZE}, 131072 for 1 GiB segments)
     */
    public PageVerifier(Path dataDirectory, long startLsn, long segmentBlocks) {
        this(new Tally(), "", dataDirectory, startLsn, segmentBlocks);
    }

    private PageVerifier(Tally tally, String treeName, Path root, long startLsn, long segmentBlocks) {
        if (segmentBlocks <= 0) {
            throw new IllegalArgumentException("segmentBlocks must be positive, was " + segmentBlocks);
        }
        this.tally = tally;
        this.treeName = Objects.requireNonNull(treeName, "treeName");
        this.root = Objects.requireNonNull(root, "root");
        this.startLsn = startLsn;
        this.segmentBlocks = segmentBlocks;
    }

    /**
     * A verifier for a tablespace's tree that adds to this verifier's tally.
     *
     * @param name the tree's name in the backup, such as {@code pg_tblspc/16385}
     * @param location the tablespace's directory
     */
    public PageVerifier tablespace(String name, Path location) {
        return new PageVerifier(tally, name, location, startLsn, segmentBlocks);
    }

    @Override
    public void inspect(String relativePath, long offset, byte[] data, int length) {
        Matcher m = RELATION_FILE.matcher(relativePath);
        if (!m.matches() || offset % PAGE != 0) {
            return;
        }
        long segment = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long firstBlock = segment * segmentBlocks + offset / PAGE;
        int pages = length / PAGE;
        for (int i = 0; i < pages; i++) {
            int at = i * PAGE;
            long block = firstBlock + i;
            if (PageChecksums.isZero(data, at)) {
                continue;
            }
            if (PageChecksums.lsn(data, at) >= startLsn) {
                tally.skipped.increment();
                continue;
            }
            tally.checked.increment();
            if (healthy(data, at, block)) {
                continue;
            }
            byte[] again = reread(relativePath, offset + at, data, at);
            if (again == null || PageChecksums.isZero(again, 0) || PageChecksums.lsn(again, 0) >= startLsn
                    || healthy(again, 0, block)) {
                continue;
            }
            tally.add(new CorruptPage(treeName.isEmpty() ? relativePath : treeName + "/" + relativePath, block,
                    PageChecksums.compute(again, 0, block), PageChecksums.stored(again, 0)));
        }
    }

    /** A page is healthy when initialised and its checksum matches (an uninitialised page must be all zeros). */
    private static boolean healthy(byte[] data, int at, long block) {
        return !PageChecksums.isNew(data, at) && PageChecksums.verifies(data, at, block);
    }

    /**
     * The page read again from its file, or {@code null} when the file no longer has it (truncated or dropped): the
     * first read ({@code data} at {@code at}) when the file cannot be read again.
     */
    private byte[] reread(String relativePath, long position, byte[] data, int at) {
        byte[] page = new byte[PAGE];
        ByteBuffer target = ByteBuffer.wrap(page);
        try (FileChannel channel = FileChannel.open(root.resolve(relativePath), StandardOpenOption.READ)) {
            while (target.hasRemaining()) {
                if (channel.read(target, position + target.position()) < 0) {
                    return null;
                }
            }
            return page;
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            // The copy read it a moment ago: judge the page by that read.
            return Arrays.copyOfRange(data, at, at + PAGE);
        }
    }

    /** How many corrupt pages were found in all the trees of this backup. */
    public long corruptPages() {
        return tally.corrupt.get();
    }

    /** The first {@value #MAX_LISTED} corrupt pages found, ordered by file and block. */
    public List<CorruptPage> listed() {
        synchronized (tally.listed) {
            List<CorruptPage> copy = new ArrayList<>(tally.listed);
            copy.sort(Comparator.comparing(CorruptPage::file).thenComparingLong(CorruptPage::block));
            return List.copyOf(copy);
        }
    }

    /** How many pages had their checksum compared. */
    public long pagesChecked() {
        return tally.checked.sum();
    }

    /** How many pages were not checked because they changed during the backup. */
    public long pagesSkipped() {
        return tally.skipped.sum();
    }

    /** What the verifiers of one backup found together. */
    private static final class Tally {
        final AtomicLong corrupt = new AtomicLong();
        final LongAdder checked = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final List<CorruptPage> listed = new ArrayList<>();

        void add(CorruptPage page) {
            corrupt.incrementAndGet();
            synchronized (listed) {
                if (listed.size() < MAX_LISTED) {
                    listed.add(page);
                }
            }
        }
    }
}

package io.firedrill.mysql.replay;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.BinlogNames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The binlogs that can be replayed onto a backup: the archived files from the backup's start coordinate to the last
 * archived transaction, checked to form an unbroken sequence. Every transaction in it starts at or after the start
 * coordinate.
 */
public final class BinlogWindow {
    /**
     * A transaction of the window.
     *
     * @param file the index of its file in {@link #files()}
     * @param transaction where it starts, when, and its GTID
     */
    public record Entry(int file, BinlogIndex.Transaction transaction) {
    }

    private final Coordinates start;
    private final List<ArchivedBinlog> files;
    private final List<Entry> entries = new ArrayList<>();
    private final Instant startTime;

    private BinlogWindow(Coordinates start, List<ArchivedBinlog> files) {
        this.start = start;
        this.files = List.copyOf(files);
        Instant before = null;
        for (int f = 0; f < this.files.size(); f++) {
            for (BinlogIndex.Transaction t : this.files.get(f).index().transactions()) {
                if (f > 0 || t.position() >= start.position()) {
                    entries.add(new Entry(f, t));
                } else {
                    before = t.time();
                }
            }
        }
        ArchivedBinlog first = this.files.get(0);
        this.startTime = before != null ? before : first.index().firstTime();
    }

    /**
     * Scans the files from the start coordinate's file onwards (earlier ones are ignored) and checks the sequence.
     *
     * @throws FiredrillException {@link ErrorCode#LOG_GAP} naming the first missing file
     */
    public static BinlogWindow scan(List<Path> files, Coordinates start) {
        List<Path> needed = new ArrayList<>();
        long startNumber = BinlogNames.sequence(start.file());
        for (Path path : files) {
            String name = path.getFileName().toString();
            if (sameBase(name, start.file()) && BinlogNames.sequence(name) >= startNumber) {
                needed.add(path);
            }
        }
        needed.sort(Comparator.comparingLong(p -> BinlogNames.sequence(p.getFileName().toString())));
        List<ArchivedBinlog> archived = new ArrayList<>();
        for (Path path : needed) {
            archived.add(ArchivedBinlog.scan(path));
        }
        return of(archived, start);
    }

    /**
     * The window of already indexed files from the start coordinate onwards (earlier files and files of another
     * base name are ignored).
     *
     * @throws FiredrillException {@link ErrorCode#LOG_GAP} naming the first missing file, when the start file is
     *     not archived, is archived only up to before the start position, or a file in the sequence is missing
     */
    public static BinlogWindow of(List<ArchivedBinlog> archived, Coordinates start) {
        long startNumber = BinlogNames.sequence(start.file());
        List<ArchivedBinlog> files = new ArrayList<>();
        for (ArchivedBinlog file : archived) {
            if (sameBase(file.name(), start.file()) && file.number() >= startNumber) {
                files.add(file);
            }
        }
        files.sort(Comparator.comparingLong(ArchivedBinlog::number));
        if (files.isEmpty() || files.get(0).number() != startNumber) {
            throw new FiredrillException(ErrorCode.LOG_GAP, "binlog file " + start.file() + ", where the backup starts ("
                    + start + "), is missing from the archive" + (files.isEmpty() ? "" : "; the archive continues at "
                    + files.get(0).name()), "archive " + start.file() + " if the server still has it, or restore a "
                    + "later backup");
        }
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).number() == files.get(i - 1).number()) {
                throw new IllegalArgumentException("binlog file " + files.get(i).name() + " is listed twice");
            }
            if (files.get(i).number() != files.get(i - 1).number() + 1) {
                throw new FiredrillException(ErrorCode.LOG_GAP, "binlog file " + files.get(i - 1).sibling(1)
                        + " is missing from the archive: it lies between " + files.get(i - 1).name() + " and "
                        + files.get(i).name() + ", so nothing after " + files.get(i - 1).name() + " can be replayed",
                        "archive the missing file if a server still has it; without it the latest recoverable point is "
                        + "the end of " + files.get(i - 1).name());
            }
        }
        ArchivedBinlog first = files.get(0);
        if (first.index().endPosition() < start.position()) {
            throw new FiredrillException(ErrorCode.LOG_GAP, "binlog file " + first.name() + " is archived only up to "
                    + "position " + first.index().endPosition() + ", but the backup starts at " + start,
                    "let the archiver catch up, then try again");
        }
        return new BinlogWindow(start, files);
    }

    private static boolean sameBase(String name, String other) {
        return BinlogNames.isBinlog(name) && BinlogNames.base(name).equals(BinlogNames.base(other));
    }

    /** Where the backup's snapshot sits. */
    public Coordinates start() {
        return start;
    }

    /** The files, from the start coordinate's file to the last archived one, in order. */
    public List<ArchivedBinlog> files() {
        return files;
    }

    /** The transactions after the start coordinate, in binlog order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The file of an entry. */
    public ArchivedBinlog fileOf(Entry entry) {
        return files.get(entry.file());
    }

    /** The file of this name, if it is in the window. */
    public Optional<Integer> indexOf(String name) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The time of the latest transaction the backup holds (as far as the start file shows), the window's start. */
    public Instant startTime() {
        return startTime;
    }

    /** The time of the last archived transaction, or {@link #startTime()} when there is none after the start. */
    public Instant lastTime() {
        return entries.isEmpty() ? startTime : entries.get(entries.size() - 1).transaction().time();
    }

    /** The stop point that replays everything archived. */
    public StopPoint end() {
        ArchivedBinlog last = files.get(files.size() - 1);
        return new StopPoint(last.name(), Math.max(last.dataEnd(), last == files.get(0) ? start.position() : 4),
                "the end of the archived binlogs");
    }

    /** The stop point just before entry {@code i}, or {@link #end()} when {@code i} is past the last entry. */
    public StopPoint before(int i, String reason) {
        if (i >= entries.size()) {
            StopPoint end = end();
            return new StopPoint(end.file(), end.position(), reason);
        }
        Entry e = entries.get(i);
        return new StopPoint(fileOf(e).name(), e.transaction().position(), reason);
    }

    /** The window as users read it: files, positions and times. */
    public String describe() {
        ArchivedBinlog last = files.get(files.size() - 1);
        return "from " + start + " (" + startTime + ", the backup) to " + last.name() + ":" + end().position() + " ("
                + lastTime() + ", the last archived transaction), " + files.size() + " file"
                + (files.size() == 1 ? "" : "s") + " (" + files.get(0).name()
                + (files.size() == 1 ? "" : " to " + last.name()) + ")";
    }
}

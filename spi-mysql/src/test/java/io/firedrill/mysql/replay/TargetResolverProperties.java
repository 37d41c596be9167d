package io.firedrill.mysql.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.binlog.BinlogIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Target resolution over generated binlog windows (MariaDB-style GTIDs 0-1-n, non-decreasing timestamps). */
class TargetResolverProperties {
    private static final long T0 = 1_700_000_000L;

    /** A generated archive: files, and the transaction index (over all files) where the backup was taken. */
    record Archive(List<ArchivedBinlog> files, int backupAt, List<long[]> all) {
        /** [file, position, timestamp, seq] of every transaction, in order. */
        Coordinates start() {
            long[] t = all.get(backupAt);
            String gtids = backupAt == 0 ? "" : "0-1-" + all.get(backupAt - 1)[3];
            return new Coordinates(files.get((int) t[0]).name(), t[1], gtids);
        }

        BinlogWindow window() {
            return BinlogWindow.of(files, start());
        }
    }

    @Provide
    Arbitrary<Archive> archives() {
        Arbitrary<List<List<Integer>>> shape = Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(6)
                .list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, Arbitraries.integers().between(0, 1000), Arbitraries.randomValue(r -> r))
                .as((files, backupSeed, random) -> {
                    List<ArchivedBinlog> archived = new ArrayList<>();
                    List<long[]> all = new ArrayList<>();
                    long seq = 0;
                    long ts = T0;
                    for (int f = 0; f < files.size(); f++) {
                        List<Long> positions = new ArrayList<>();
                        List<Long> timestamps = new ArrayList<>();
                        List<String> gtids = new ArrayList<>();
                        long pos = 256;
                        for (int size : files.get(f)) {
                            seq++;
                            ts += random.nextInt(3);
                            positions.add(pos);
                            timestamps.add(ts);
                            gtids.add("0-1-" + seq);
                            all.add(new long[] {f, pos, ts, seq});
                            pos += 40L * size;
                        }
                        boolean last = f == files.size() - 1;
                        BinlogIndex index = BinlogIndex.fromStored(new BinlogIndex.Stored("10.11.19-MariaDB", last ? pos : pos + 30,
                                !last, T0, ts, positions, timestamps, gtids));
                        archived.add(new ArchivedBinlog(String.format("binlog.%06d", f + 7), null, index, pos, Set.of(1L)));
                    }
                    return new Archive(archived, backupSeed % all.size(), all);
                });
    }

    @Property
    void timeTargetsApplyExactlyTheTransactionsStampedUpToTheTime(@ForAll("archives") Archive archive,
            @ForAll boolean inclusive, @ForAll("offsets") int offset) {
        BinlogWindow window = archive.window();
        long time = window.startTime().getEpochSecond() + offset;
        RecoveryTarget target = RecoveryTarget.time(Instant.ofEpochSecond(time));
        target = inclusive ? target : target.exclusive();
        if (time > window.lastTime().getEpochSecond()) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> TargetResolver.resolve(window,
                    inclusive ? RecoveryTarget.time(Instant.ofEpochSecond(time))
                            : RecoveryTarget.time(Instant.ofEpochSecond(time)).exclusive()));
            assertEquals(ErrorCode.INVALID_TARGET, e.code());
            assertTrue(e.getMessage().contains("the window runs from " + archive.start()), e.getMessage());
            return;
        }
        StopPoint stop = TargetResolver.resolve(window, target);
        long expected = archive.all().subList(archive.backupAt(), archive.all().size()).stream()
                .filter(t -> inclusive ? t[2] <= time : t[2] < time).count();
        assertEquals(expected, TargetResolver.applied(window, stop).transactions(), stop.toString());
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, 30);
    }

    @Property
    void gtidTargetsStopJustAfterOrJustBeforeThatTransaction(@ForAll("archives") Archive archive,
            @ForAll boolean inclusive, @ForAll("indexes") int pick) {
        BinlogWindow window = archive.window();
        int i = pick % archive.all().size();
        String gtid = "0-1-" + archive.all().get(i)[3];
        RecoveryTarget target = inclusive ? RecoveryTarget.gtid(gtid) : RecoveryTarget.gtid(gtid).exclusive();
        if (i < archive.backupAt()) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> TargetResolver.resolve(window, target));
            assertEquals(ErrorCode.INVALID_TARGET, e.code());
            assertTrue(e.getMessage().contains("the backup already holds that transaction"), e.getMessage());
            return;
        }
        StopPoint stop = TargetResolver.resolve(window, target);
        TargetResolver.Applied applied = TargetResolver.applied(window, stop);
        assertEquals(i - archive.backupAt() + (inclusive ? 1 : 0), applied.transactions(), stop.toString());
        if (inclusive) {
            assertEquals(gtid, applied.last().gtid());
        }
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 100);
    }

    @Property
    void positionTargetsApplyWhatStartsBeforeAndCompleteACutTransactionWhenInclusive(
            @ForAll("archives") Archive archive, @ForAll boolean inclusive, @ForAll("indexes") int pick,
            @ForAll("cuts") int cut) {
        BinlogWindow window = archive.window();
        int i = archive.backupAt() + pick % (archive.all().size() - archive.backupAt());
        long[] t = archive.all().get(i);
        ArchivedBinlog file = archive.files().get((int) t[0]);
        long position = Math.min(t[1] + cut, file.dataEnd());
        RecoveryTarget target = RecoveryTarget.binlogPosition(file.name(), position);
        StopPoint stop = TargetResolver.resolve(window, inclusive ? target : target.exclusive());
        long startingBefore = archive.all().subList(archive.backupAt(), archive.all().size()).stream()
                .filter(x -> x[0] < t[0] || (x[0] == t[0] && x[1] < position)).count();
        boolean cutsThrough = position < file.dataEnd() && archive.all().stream()
                .anyMatch(x -> x[0] == t[0] && x[1] < position) && archive.all().stream()
                .noneMatch(x -> x[0] == t[0] && x[1] == position);
        long expected = startingBefore - (cutsThrough && !inclusive ? 1 : 0);
        assertEquals(expected, TargetResolver.applied(window, stop).transactions(), stop + " for " + target.value());
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 300);
    }

    @Property
    void aMissingMiddleFileIsAGapNamedByItsName(@ForAll("archives") Archive archive) {
        if (archive.files().size() < 3) {
            return;
        }
        List<ArchivedBinlog> holed = new ArrayList<>(archive.files());
        ArchivedBinlog removed = holed.remove(1);
        Coordinates start = new Coordinates(holed.get(0).name(), 256, "");
        FiredrillException e = assertThrows(FiredrillException.class, () -> BinlogWindow.of(holed, start));
        assertEquals(ErrorCode.LOG_GAP, e.code());
        assertTrue(e.getMessage().startsWith("binlog file " + removed.name() + " is missing"), e.getMessage());
    }

    @Property
    void latestAppliesEverythingAndImmediateNothing(@ForAll("archives") Archive archive) {
        BinlogWindow window = archive.window();
        assertEquals(archive.all().size() - archive.backupAt(),
                TargetResolver.applied(window, TargetResolver.resolve(window, RecoveryTarget.latest())).transactions());
        assertEquals(0, TargetResolver.applied(window, TargetResolver.resolve(window, RecoveryTarget.immediate()))
                .transactions());
    }
}

package io.firedrill.postgres.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.spi.LogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WalMathTest {
    private static final long SIXTEEN_MIB = 16L * 1024 * 1024;

    @Test
    void segmentNamesMatchPostgres() {
        assertEquals("000000010000000000000003", WalSegment.containing(1, Lsn.parse("0/3000028"), SIXTEEN_MIB).fileName());
        assertEquals("0000000200000001000000FF", WalSegment.containing(2, Lsn.parse("1/FF000000"), SIXTEEN_MIB).fileName());
        assertEquals("000000010000000100000000", WalSegment.parse("0000000100000000000000FF", SIXTEEN_MIB).orElseThrow()
                .next().fileName());
        assertTrue(WalSegment.parse("00000002.history", SIXTEEN_MIB).isEmpty());
        assertTrue(WalSegment.parse("000000010000000000000003.partial", SIXTEEN_MIB).isEmpty());
    }

    @Property(tries = 300)
    void segmentNamesRoundTrip(@ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long timeline,
                               @ForAll @LongRange(min = 0, max = 1L << 32) long number,
                               @ForAll @IntRange(min = 20, max = 30) int log2Size) {
        WalSegment s = new WalSegment(timeline, number, 1L << log2Size);
        assertEquals(s, WalSegment.parse(s.fileName(), 1L << log2Size).orElseThrow());
        assertEquals(s, WalSegment.containing(timeline, s.start(), 1L << log2Size));
        assertEquals(s.next().start(), s.end());
    }

    @Property(tries = 300)
    void lsnTextRoundTrips(@ForAll long value) {
        assertEquals(new Lsn(value), Lsn.parse(new Lsn(value).toString()));
    }

    @Test
    void malformedLsnsAreRefused() {
        assertThrows(InvalidConfigurationException.class, () -> Lsn.parse("3000028"));
        assertThrows(InvalidConfigurationException.class, () -> Lsn.parse("G/1"));
        assertThrows(InvalidConfigurationException.class, () -> Lsn.parse("1FFFFFFFF/0"));
    }

    @Test
    void historyPicksTheTimelineOfEachPosition() {
        TimelineHistory h = TimelineHistory.parse(3, "1\t0/5000098\tno recovery target specified\n"
                + "2\t0/7800000\tbefore 2026-11-21 06:00:00+00\n");
        assertEquals(1, h.timelineAt(Lsn.parse("0/4000000")));
        assertEquals(2, h.timelineAt(Lsn.parse("0/5000098")));
        assertEquals(3, h.timelineAt(Lsn.parse("0/9000000")));
        // The segment holding a switch point is read from the newer timeline.
        assertEquals("000000020000000000000005", h.segmentFor(Lsn.parse("0/5000000"), SIXTEEN_MIB).fileName());
        assertEquals("000000010000000000000004", h.segmentFor(Lsn.parse("0/4000000"), SIXTEEN_MIB).fileName());
        assertEquals("000000030000000000000007", h.segmentFor(Lsn.parse("0/7000000"), SIXTEEN_MIB).fileName());
    }

    @Test
    void continuityTellsAHoleFromTheEnd() {
        List<LogStore.LogFile> files = new ArrayList<>();
        for (String n : List.of("000000010000000000000003", "000000010000000000000004", "000000010000000000000006")) {
            files.add(new LogStore.LogFile("s", n, SIXTEEN_MIB, Instant.EPOCH));
        }
        WalContinuity.Coverage c = WalContinuity.check(files, Lsn.parse("0/3000028"), TimelineHistory.root(1), SIXTEEN_MIB);
        assertEquals("000000010000000000000004", c.lastSegment().orElseThrow().fileName());
        assertEquals("000000010000000000000005", c.missing().orElseThrow().fileName());
        assertEquals(Lsn.parse("0/5000000"), c.end());

        WalContinuity.Coverage end = WalContinuity.check(files.subList(0, 2), Lsn.parse("0/3000028"),
                TimelineHistory.root(1), SIXTEEN_MIB);
        assertFalse(end.hasHole(), "nothing after the run: still arriving, not lost");
    }

    @Test
    void continuityFollowsTimelineSwitches() {
        TimelineHistory h = TimelineHistory.parse(2, "1\t0/5000098\treason\n");
        List<LogStore.LogFile> files = new ArrayList<>();
        for (String n : List.of("000000010000000000000004", "000000020000000000000005", "000000020000000000000006",
                "00000002.history")) {
            files.add(new LogStore.LogFile("s", n, SIXTEEN_MIB, Instant.EPOCH));
        }
        WalContinuity.Coverage c = WalContinuity.check(files, Lsn.parse("0/4000028"), h, SIXTEEN_MIB);
        assertEquals("000000020000000000000006", c.lastSegment().orElseThrow().fileName());
        assertFalse(c.hasHole());
    }
}

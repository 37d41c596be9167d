package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.mysql.protocol.WireWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** MariaDB GTID positions: text form, GTID_LIST bodies, per-domain maxima and containment. */
class MariadbGtidSetTest {
    @Test
    void keepsTheHighestSequencePerDomainWithItsServer() {
        MariadbGtidSet set = MariadbGtidSet.parse("1-7-3,\n0-1-42").with("0-2-40").with("0-3-50");
        assertEquals("0-3-50,1-7-3", set.toString());
        assertEquals(OptionalLong.of(50), set.sequence(0));
        assertEquals(OptionalLong.empty(), set.sequence(2));
        assertEquals(Set.of(0L, 1L), set.domains());
        assertEquals(set, MariadbGtidSet.parse(set.toString()));
        assertEquals("0-3-50,1-7-9", set.union(MariadbGtidSet.parse("1-7-9,0-1-1")).toString());
        assertTrue(MariadbGtidSet.empty().isEmpty());
    }

    @Test
    void sequenceNumbersAreUnsigned() {
        MariadbGtidSet set = MariadbGtidSet.parse("0-1-18446744073709551615");
        assertEquals("0-1-18446744073709551615", set.toString());
        assertTrue(set.contains("0-1-9223372036854775808"));
        assertEquals(set, set.with("0-1-5"), "a lower sequence number changes nothing");
    }

    @Test
    void decodesGtidListBodiesIgnoringTheFlagBits() {
        byte[] body = new WireWriter().uint((0x1L << 28) | 2, 4).uint(0, 4).uint(1, 4).uint(42, 8)
                .uint(3, 4).uint(9, 4).uint(7, 8).toByteArray();
        assertEquals("0-1-42,3-9-7", MariadbGtidSet.decodeGtidList(body).toString());
        byte[] cut = new WireWriter().uint(2, 4).uint(0, 4).uint(1, 4).uint(42, 8).uint(3, 4).toByteArray();
        assertEquals("0-1-42", MariadbGtidSet.decodeGtidList(cut).toString(), "a cut entry ends the list");
    }

    @Test
    void refusesWhatIsNotAGtid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MariadbGtidSet.parse("0-1-42,0-x-1"));
        assertTrue(e.getMessage().contains("'0-x-1'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MariadbGtidSet.empty().with("0:1"));
    }

    @Property(tries = 200)
    void holdsEveryTransactionOfADomainUpToItsHighestSequence(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 3) Integer> domains,
            @ForAll @LongRange(min = 1, max = 100) long seqBase, @ForAll @IntRange(min = 0, max = 3) int probeDomain,
            @ForAll @LongRange(min = 1, max = 200) long probeSeq) {
        MariadbGtidSet set = MariadbGtidSet.empty();
        long[] highest = {-1, -1, -1, -1};
        for (int i = 0; i < domains.size(); i++) {
            int d = domains.get(i);
            long seq = seqBase + i * 7L % 13;
            set = set.with(d + "-1-" + seq);
            highest[d] = Math.max(highest[d], seq);
        }
        assertEquals(highest[probeDomain] >= probeSeq, set.contains(probeDomain + "-5-" + probeSeq));
        assertEquals(set, MariadbGtidSet.parse(set.toString()));
        assertFalse(set.isEmpty());
    }
}

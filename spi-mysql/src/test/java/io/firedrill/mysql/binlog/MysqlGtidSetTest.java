package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.mysql.protocol.WireReader;
import java.util.HexFormat;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** GTID sets: text form, the binary form of PREVIOUS_GTIDS and COM_BINLOG_DUMP_GTID, merging and inclusion. */
class MysqlGtidSetTest {
    private static final String SID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void encodesWithEightByteCountsAndExclusiveEnds() {
        MysqlGtidSet set = MysqlGtidSet.parse(SID + ":1-5:7");
        String expected = "0100000000000000" // one source
                + "3e11fa4771ca11e19e33c80aa9429562" // its UUID, as written
                + "0200000000000000" // two intervals
                + "0100000000000000" + "0600000000000000" // 1 to 6 exclusive
                + "0700000000000000" + "0800000000000000"; // 7 to 8 exclusive
        assertEquals(expected, HexFormat.of().formatHex(set.encode()));
        assertEquals(set, MysqlGtidSet.decode(new WireReader(set.encode())));
        assertEquals("0000000000000000", HexFormat.of().formatHex(MysqlGtidSet.empty().encode()));
    }

    @Test
    void mergesAdjacentIntervalsAndChecksInclusion() {
        MysqlGtidSet set = MysqlGtidSet.parse(SID + ":1-3").with(SID + ":4").with(SID + ":6");
        assertEquals(SID + ":1-4:6", set.toString());
        assertTrue(MysqlGtidSet.parse(SID + ":2-4").isSubsetOf(set));
        assertFalse(MysqlGtidSet.parse(SID + ":4-6").isSubsetOf(set));
        assertTrue(MysqlGtidSet.empty().isSubsetOf(set));
        assertEquals(SID + ":1-6", set.union(MysqlGtidSet.parse(SID + ":5")).toString());
    }

    @Property(tries = 200)
    void theBinaryFormRoundTrips(@ForAll @Size(max = 6) java.util.List<@IntRange(min = 1, max = 50) Integer> gnos,
            @ForAll long most, @ForAll long least) {
        UUID uuid = new UUID(most, least);
        MysqlGtidSet set = MysqlGtidSet.empty();
        for (int gno : gnos) {
            set = set.with(uuid + ":" + gno);
        }
        assertEquals(set, MysqlGtidSet.decode(new WireReader(set.encode())));
        assertEquals(set, MysqlGtidSet.parse(set.toString()));
    }
}

package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Parsing either flavour of GTID set and asking whether a transaction is in it. */
class GtidSetTest {
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    @Test
    void mysqlSetsHoldTheirIntervals() {
        GtidSet set = GtidSet.parse(A + ":1-5:7,\n" + B.toUpperCase() + ":3");
        assertTrue(set.contains(A + ":1"));
        assertTrue(set.contains(A + ":5"));
        assertFalse(set.contains(A + ":6"));
        assertTrue(set.contains(A + ":7"));
        assertTrue(set.contains(B + ":3"));
        assertFalse(set.contains(B + ":2"));
        assertFalse(GtidSet.parse("").contains(A + ":1"));
    }

    @Test
    void mariadbPositionsHoldEverythingUpToTheirSequencePerDomain() {
        GtidSet set = GtidSet.parse("0-1-42,1-7-3");
        assertTrue(set.contains("0-1-42"));
        assertTrue(set.contains("0-2-10"), "any server of the domain, up to the sequence number");
        assertFalse(set.contains("0-1-43"));
        assertTrue(set.contains("1-7-3"));
        assertFalse(set.contains("2-1-1"));
        assertThrows(IllegalArgumentException.class, () -> GtidSet.parse("not a gtid"));
    }

    @Test
    void eachFlavourIsItsOwnTypeAndMixingThemIsRefused() {
        assertInstanceOf(MariadbGtidSet.class, GtidSet.parse("0-1-42"));
        assertInstanceOf(MysqlGtidSet.class, GtidSet.parse(A + ":1"));
        assertTrue(GtidSet.parse(" \n").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GtidSet.parse(A + ":1-5,0-1-42"));
        assertTrue(e.getMessage().contains("mixes"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> GtidSet.parse(A + ":1-5," + B + ":x"));
        assertTrue(bad.getMessage().contains(B + ":x"), bad.getMessage());
    }

    @Test
    void aGtidOfTheOtherFlavourOrNoGtidAtAllIsNotContained() {
        assertFalse(GtidSet.parse(A + ":1-5").contains("0-1-3"));
        assertFalse(GtidSet.parse("0-1-42").contains(A + ":3"));
        assertFalse(GtidSet.parse(A + ":1-5").contains(A + ":abc"));
        assertFalse(GtidSet.parse(A + ":1-5").contains("x:5"));
        assertFalse(GtidSet.parse("0-1-42").contains("0-1"));
        assertTrue(GtidSet.parse(A + ":1-5").contains(" " + A.toUpperCase() + ":5\n"));
    }

    @Property
    void anIntervalHoldsExactlyItsNumbers(@ForAll @LongRange(min = 1, max = 1000) long from,
            @ForAll @LongRange(min = 0, max = 1000) long length, @ForAll @LongRange(min = 1, max = 3000) long probe) {
        GtidSet set = GtidSet.parse(A + ":" + from + "-" + (from + length));
        assertEquals(probe >= from && probe <= from + length, set.contains(A + ":" + probe));
    }
}

package io.firedrill.mysql.logical.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Integer key boundaries: inside the key's span, increasing, power-of-two aligned, and about as many as wanted. */
class RangePlannerTest {

    @Property
    void boundariesAreAlignedIncreasingAndInside(@ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long min,
                                                 @ForAll @LongRange(min = 0, max = 2_000_000_000L) long span,
                                                 @ForAll @IntRange(min = 2, max = 1024) int wanted) {
        BigInteger lo = BigInteger.valueOf(min);
        BigInteger hi = lo.add(BigInteger.valueOf(span));
        List<BigInteger> bounds = RangePlanner.integerBoundaries(lo, hi, wanted);
        assertTrue(bounds.size() <= 2L * wanted, bounds.size() + " boundaries for " + wanted + " ranges");
        BigInteger previous = lo;
        for (BigInteger b : bounds) {
            assertTrue(b.compareTo(previous) > 0 && b.compareTo(hi) <= 0);
            previous = b;
        }
        if (bounds.size() > 1) {
            BigInteger step = bounds.get(1).subtract(bounds.get(0));
            assertEquals(1, step.bitCount(), "a power of two: " + step);
            assertEquals(0, bounds.get(0).mod(step).signum());
        }
    }

    @Test
    void theSameStepSurvivesGrowth() {
        assertEquals(RangePlanner.integerBoundaries(BigInteger.ONE, BigInteger.valueOf(1_000_000), 16).subList(0, 10),
                RangePlanner.integerBoundaries(BigInteger.ONE, BigInteger.valueOf(1_010_000), 16).subList(0, 10));
    }

    @Test
    void tupleComparisonsExpandLexicographically() {
        assertEquals("(`a` > 1) OR (`a` = 1 AND `b` >= 'x')",
                KeyRange.compare(List.of("`a`", "`b`"), List.of("1", "'x'"), ">", true));
        assertEquals("((`a` >= 5)) AND ((`a` < 9))",
                KeyRange.between(List.of("`a`"), List.of("5"), List.of("9")).condition());
    }
}

package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Part plans stay within S3's limits and cover the object exactly, for any size up to the largest object. */
class PartPlanPropertiesTest {
    private static final long LARGEST = PartPlan.MAX_PARTS * PartPlan.MAX_PART_SIZE;

    @Property
    void partsCoverTheObjectWithinS3Limits(@ForAll @LongRange(min = 1, max = LARGEST) long size,
                                           @ForAll @LongRange(min = 5 << 20, max = 5L << 30) long minimumPart) {
        PartPlan plan = PartPlan.of(size, minimumPart);

        assertTrue(plan.parts() >= 1 && plan.parts() <= PartPlan.MAX_PARTS, plan.toString());
        assertTrue(plan.partSize() >= minimumPart && plan.partSize() <= PartPlan.MAX_PART_SIZE, plan.toString());
        long last = plan.length(plan.parts());
        assertTrue(last > 0 && last <= plan.partSize(), plan.toString());
        assertEquals(size, plan.offset(plan.parts()) + last, plan.toString());
    }

    @Property
    void partSizeGrowsOnlyWhenTenThousandPartsWouldNotDo(@ForAll @LongRange(min = 1, max = LARGEST) long size) {
        PartPlan plan = PartPlan.of(size, PartPlan.MIN_PART_SIZE);

        if (plan.partSize() > PartPlan.MIN_PART_SIZE) {
            long smaller = plan.partSize() - (1 << 20);
            assertTrue((size + smaller - 1) / smaller > PartPlan.MAX_PARTS, plan.toString());
        }
    }
}

package io.firedrill.mysql.logical.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import org.junit.jupiter.api.Test;

/** Names become safe, distinct path segments. */
class StreamNamesTest {

    @Property
    void segmentsAreSafeAndDistinct(@ForAll @NotEmpty String a, @ForAll @NotEmpty String b) {
        String sa = StreamNames.segment(a);
        assertTrue(sa.matches("[A-Za-z0-9_%-]+"), sa);
        if (!a.equals(b)) {
            assertNotEquals(sa, StreamNames.segment(b));
        }
    }

    @Test
    void layout() {
        assertEquals("data/shop/order%20lines/00003.tsv", StreamNames.data("shop", "order lines", 3));
        assertEquals("schema/a%2Eb/table/%2E%2E.sql", StreamNames.object("a.b", "table", ".."));
        assertEquals("schema/caf%C3%A9/database.sql", StreamNames.database("caf\u00e9"));
    }
}

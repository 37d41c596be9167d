package io.firedrill.mysql.logical.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The data streams' escaping: any byte string round trips, and escaped fields never hold a raw tab or newline. */
class TsvCodecTest {

    @Property
    void everyByteStringRoundTrips(@ForAll byte[] value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsvCodec.writeField(out, value);
        byte[] field = out.toByteArray();
        for (byte b : field) {
            if (b == '\t' || b == '\n' || b == '\r' || b == 0) {
                throw new AssertionError("unescaped separator in " + java.util.Arrays.toString(field));
            }
        }
        assertArrayEquals(value, TsvCodec.decodeField(field, 0, field.length));
    }

    @Test
    void nullIsBackslashN() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsvCodec.writeField(out, null);
        assertEquals("\\N", out.toString(StandardCharsets.US_ASCII));
        assertNull(TsvCodec.decodeField(out.toByteArray(), 0, 2));
        out.reset();
        TsvCodec.writeField(out, "\\N".getBytes(StandardCharsets.US_ASCII));
        assertEquals("\\\\N", out.toString(StandardCharsets.US_ASCII), "the text \\N is not NULL");
    }

    @Test
    void unknownEscapesAreRefused() {
        byte[] bad = "a\\x".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> TsvCodec.decodeField(bad, 0, bad.length));
    }
}

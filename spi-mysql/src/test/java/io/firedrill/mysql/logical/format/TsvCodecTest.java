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

/** The data streams' escaping ({@link TsvWriter}, {@link TsvCodec}): any byte string round trips, and escaped fields never hold a raw tab or newline. */
class TsvCodecTest {

    @Property
    void everyByteStringRoundTrips(@ForAll byte[] value) throws IOException {
        byte[] field = written(value);
        for (byte b : field) {
            if (b == '\t' || b == '\n' || b == '\r' || b == 0) {
                throw new AssertionError("unescaped separator in " + java.util.Arrays.toString(field));
            }
        }
        assertArrayEquals(value, TsvCodec.decodeField(field, 0, field.length));
    }

    @Test
    void nullIsBackslashN() throws IOException {
        assertEquals("\\N", new String(written(null), StandardCharsets.US_ASCII));
        assertNull(TsvCodec.decodeField(written(null), 0, 2));
        assertEquals("\\\\N", new String(written("\\N".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII),
                "the text \\N is not NULL");
    }

    @Test
    void rowsAreTabSeparatedAndNewlineTerminated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TsvWriter writer = new TsvWriter(out)) {
            writer.field("a".getBytes(StandardCharsets.US_ASCII));
            writer.field(null);
            writer.endRow();
            writer.field(new byte[0]);
            writer.endRow();
        }
        assertEquals("a\t\\N\n\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void fieldsLargerThanTheBufferRoundTrip() throws IOException {
        byte[] value = new byte[200_003];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        byte[] field = written(value);
        assertArrayEquals(value, TsvCodec.decodeField(field, 0, field.length));
    }

    /** One field as the writer writes it, without row terminator. */
    private static byte[] written(byte[] value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TsvWriter writer = new TsvWriter(out)) {
            writer.field(value);
        }
        return out.toByteArray();
    }

    @Test
    void unknownEscapesAreRefused() {
        byte[] bad = "a\\x".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> TsvCodec.decodeField(bad, 0, bad.length));
    }
}

package io.firedrill.mysql.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a payload from the protocol's little-endian integers and strings. */
public final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends an unsigned little-endian integer of {@code width} bytes. */
    public WireWriter uint(long value, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** Appends bytes as they are. */
    public WireWriter bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends a string in UTF-8 without terminator. */
    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a string in UTF-8 and a NUL. */
    public WireWriter nulTerminated(String s) {
        string(s);
        out.write(0);
        return this;
    }

    /** Appends a one-byte length (at most 255) then the string in UTF-8. */
    public WireWriter shortString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("string of " + b.length + " bytes does not fit a one-byte length");
        }
        out.write(b.length);
        return bytes(b);
    }

    /** The payload. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}

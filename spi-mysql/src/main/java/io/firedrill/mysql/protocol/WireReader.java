package io.firedrill.mysql.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the protocol's little-endian integers and strings from one payload, front to back. */
public final class WireReader {
    private final byte[] bytes;
    private int position;

    /** @param bytes the payload (not copied) */
    public WireReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Reads an unsigned little-endian integer of {@code width} bytes (1 to 8). */
    public long uint(int width) {
        need(width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= Byte.toUnsignedLong(bytes[position + i]) << (8 * i);
        }
        position += width;
        return value;
    }

    /** Reads one byte, unsigned. */
    public int u1() {
        return (int) uint(1);
    }

    /** Reads a length-encoded integer; {@code -1} stands for the NULL marker {@code 0xfb}. */
    public long lengthEncoded() {
        int first = u1();
        return switch (first) {
            case 0xfb -> -1;
            case 0xfc -> uint(2);
            case 0xfd -> uint(3);
            case 0xfe -> uint(8);
            default -> first;
        };
    }

    /** Reads a length-encoded string (UTF-8), or {@code null} for the NULL marker. */
    public String lengthEncodedString() {
        long length = lengthEncoded();
        return length < 0 ? null : new String(bytes((int) length), StandardCharsets.UTF_8);
    }

    /** Reads a NUL-terminated string (UTF-8); the rest of the payload when there is no NUL. */
    public String nulTerminated() {
        int end = position;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String s = new String(bytes, position, end - position, StandardCharsets.UTF_8);
        position = Math.min(bytes.length, end + 1);
        return s;
    }

    /** Reads {@code n} bytes. */
    public byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return out;
    }

    /** Reads the rest of the payload. */
    public byte[] rest() {
        return bytes(bytes.length - position);
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) {
        need(n);
        position += n;
    }

    /** Bytes left. */
    public int remaining() {
        return bytes.length - position;
    }

    private void need(int n) {
        if (n < 0 || bytes.length - position < n) {
            throw new IllegalArgumentException("malformed MySQL packet: " + n + " more bytes needed at offset "
                    + position + " of " + bytes.length);
        }
    }
}

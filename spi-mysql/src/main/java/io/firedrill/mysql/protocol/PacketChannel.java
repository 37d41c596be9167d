package io.firedrill.mysql.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The MySQL packet layer: every packet is a 3-byte little-endian payload length, a 1-byte sequence number, then the
 * payload. A payload of 16 MiB − 1 bytes or more is split into packets of exactly {@link #MAX_PACKET} bytes followed
 * by a shorter one (possibly empty); {@link #read()} joins them again. The sequence number starts at 0 for each
 * command ({@link #resetSequence()}) and increases by one per packet in either direction. Not thread-safe.
 */
public final class PacketChannel {
    /** The largest payload one packet carries; a packet this long is continued by the next one. */
    public static final int MAX_PACKET = 0xFF_FFFF;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[4];
    private int sequence;

    /**
     * @param in the connection's input, buffered by the caller if wanted
     * @param out the connection's output; flushed after each {@link #write}
     */
    public PacketChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Starts a new command: the next packet written has sequence number 0. */
    public void resetSequence() {
        sequence = 0;
    }

    /**
     * Reads one logical payload, joining continuation packets.
     *
     * @throws EOFException when the server closed the connection
     * @throws IOException on a read failure, or a packet out of sequence
     */
    public byte[] read() throws IOException {
        byte[] first = readPacket();
        if (first.length < MAX_PACKET) {
            return first;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(first.length * 2);
        joined.write(first);
        byte[] next;
        do {
            next = readPacket();
            joined.write(next);
        } while (next.length == MAX_PACKET);
        return joined.toByteArray();
    }

    private byte[] readPacket() throws IOException {
        readFully(header, 4);
        int length = Byte.toUnsignedInt(header[0]) | Byte.toUnsignedInt(header[1]) << 8
                | Byte.toUnsignedInt(header[2]) << 16;
        int seq = Byte.toUnsignedInt(header[3]);
        if (seq != (sequence & 0xff)) {
            throw new IOException("MySQL packet out of order: sequence " + seq + " where " + (sequence & 0xff)
                    + " was expected");
        }
        sequence++;
        byte[] payload = new byte[length];
        readFully(payload, length);
        return payload;
    }

    private void readFully(byte[] target, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(target, done, length - done);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            done += n;
        }
    }

    /** Writes one logical payload, split into packets as needed, and flushes. */
    public void write(byte[] payload) throws IOException {
        int offset = 0;
        while (true) {
            int length = Math.min(MAX_PACKET, payload.length - offset);
            out.write(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) sequence});
            out.write(payload, offset, length);
            sequence++;
            offset += length;
            if (length < MAX_PACKET) {
                break;
            }
        }
        out.flush();
    }
}

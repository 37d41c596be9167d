package io.firedrill.mysql.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Packet framing: 3-byte length, sequence numbers, and payloads of 16 MiB − 1 bytes or more split and joined. */
class PacketChannelTest {
    @Test
    void framesASmallPayloadWithLengthAndSequence() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(new byte[0]), out);
        channel.write(new byte[] {3, 'S', 'E', 'L'});
        channel.write(new byte[] {9});
        assertArrayEquals(new byte[] {4, 0, 0, 0, 3, 'S', 'E', 'L', 1, 0, 0, 1, 9}, out.toByteArray());
    }

    @Test
    void splitsAndJoinsPayloadsAtTheSixteenMebibyteBoundary() throws IOException {
        for (int length : new int[] {PacketChannel.MAX_PACKET - 1, PacketChannel.MAX_PACKET, PacketChannel.MAX_PACKET + 5,
                2 * PacketChannel.MAX_PACKET}) {
            byte[] payload = new byte[length];
            new Random(length).nextBytes(payload);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PacketChannel(new ByteArrayInputStream(new byte[0]), out).write(payload);
            byte[] wire = out.toByteArray();
            int packets = length / PacketChannel.MAX_PACKET + 1;
            assertEquals(length + 4L * packets, wire.length, "a payload of " + length + " bytes takes " + packets
                    + " packets (an exact multiple ends with an empty one)");
            byte[] read = new PacketChannel(new ByteArrayInputStream(wire), new ByteArrayOutputStream()).read();
            assertArrayEquals(payload, read);
        }
    }

    @Property(tries = 50)
    void whatIsWrittenIsReadBack(@ForAll @IntRange(min = 0, max = 70_000) int length) throws IOException {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel writer = new PacketChannel(new ByteArrayInputStream(new byte[0]), out);
        writer.write(payload);
        writer.write(new byte[] {42});
        PacketChannel reader = new PacketChannel(new ByteArrayInputStream(out.toByteArray()), new ByteArrayOutputStream());
        assertArrayEquals(payload, reader.read());
        assertArrayEquals(new byte[] {42}, reader.read());
    }

    @Test
    void refusesAPacketOutOfSequence() {
        byte[] wire = {1, 0, 0, 5, 7};
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(wire), new ByteArrayOutputStream());
        IOException e = assertThrows(IOException.class, channel::read);
        assertEquals("MySQL packet out of order: sequence 5 where 0 was expected", e.getMessage());
    }

    @Test
    void aClosedConnectionIsAnEof() {
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(new byte[] {5, 0}), new ByteArrayOutputStream());
        assertThrows(EOFException.class, channel::read);
    }
}

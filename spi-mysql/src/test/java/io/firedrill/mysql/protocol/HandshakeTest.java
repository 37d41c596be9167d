package io.firedrill.mysql.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The server greeting: version, connection id, the 20-byte scramble in two parts, and the proposed plugin. */
class HandshakeTest {
    @Test
    void parsesAHandshakeV10() {
        byte[] part1 = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] part2 = {9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0};
        long capabilities = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH;
        byte[] payload = new WireWriter().uint(10, 1).nulTerminated("8.0.31").uint(77, 4).bytes(part1).uint(0, 1)
                .uint(capabilities & 0xffff, 2).uint(255, 1).uint(2, 2).uint(capabilities >>> 16, 2).uint(21, 1)
                .bytes(new byte[10]).bytes(part2).nulTerminated("caching_sha2_password").toByteArray();
        Handshake h = Handshake.parse(payload);
        assertEquals("8.0.31", h.serverVersion());
        assertEquals(77, h.connectionId());
        assertEquals("caching_sha2_password", h.authPlugin());
        byte[] scramble = new byte[20];
        for (int i = 0; i < 20; i++) {
            scramble[i] = (byte) (i + 1);
        }
        assertArrayEquals(scramble, h.scramble());
        assertFalse(h.mariadb());
        assertTrue(new Handshake("5.5.5-10.11.6-MariaDB", 1, 0, scramble, "mysql_native_password").mariadb());
    }

    @Test
    void decodesAnErrPacketWithItsSqlState() {
        byte[] err = new WireWriter().uint(0xff, 1).uint(1045, 2).string("#28000")
                .string("Access denied for user 'x'@'localhost'").toByteArray();
        ServerErrorException e = ServerErrorException.parse(err, "authenticating as x@h:1");
        assertEquals(1045, e.errorNumber());
        assertEquals("28000", e.sqlState());
        assertEquals("Access denied for user 'x'@'localhost'", e.serverMessage());
        assertTrue(e.hint().contains("password"), e.hint());
    }
}

package io.firedrill.mysql.protocol;

/**
 * The server's greeting (protocol version 10): its version, the connection id, the 20-byte scramble and the
 * authentication plugin it proposes.
 *
 * @param serverVersion such as {@code 8.0.31} or {@code 5.5.5-10.11.6-MariaDB-0+deb12u1}
 * @param connectionId the server thread id of this connection (what {@code KILL} takes)
 * @param capabilities the server's capability flags
 * @param scramble the authentication seed
 * @param authPlugin the proposed plugin, such as {@code caching_sha2_password}
 */
public record Handshake(String serverVersion, long connectionId, long capabilities, byte[] scramble,
        String authPlugin) {

    /** Parses the HandshakeV10 payload. */
    public static Handshake parse(byte[] payload) {
        WireReader r = new WireReader(payload);
        int protocol = r.u1();
        if (protocol != 10) {
            throw new IllegalArgumentException("unsupported MySQL handshake protocol version " + protocol
                    + " (only version 10 is spoken)");
        }
        String version = r.nulTerminated();
        long connectionId = r.uint(4);
        byte[] part1 = r.bytes(8);
        r.skip(1);
        long capabilities = r.uint(2);
        String plugin = "mysql_native_password";
        byte[] scramble = part1;
        if (r.remaining() > 0) {
            r.skip(1 + 2); // character set, status flags
            capabilities |= r.uint(2) << 16;
            int dataLength = r.u1();
            r.skip(10);
            if ((capabilities & Capabilities.SECURE_CONNECTION) != 0) {
                int length = Math.max(13, dataLength - 8);
                byte[] part2 = r.bytes(Math.min(length, r.remaining()));
                int used = part2.length > 0 && part2[part2.length - 1] == 0 ? part2.length - 1 : part2.length;
                scramble = new byte[8 + used];
                System.arraycopy(part1, 0, scramble, 0, 8);
                System.arraycopy(part2, 0, scramble, 8, used);
            }
            if ((capabilities & Capabilities.PLUGIN_AUTH) != 0 && r.remaining() > 0) {
                plugin = r.nulTerminated();
            }
        }
        return new Handshake(version, connectionId, capabilities, scramble, plugin);
    }

    /** Whether the server is MariaDB. */
    public boolean mariadb() {
        return serverVersion.contains("MariaDB");
    }
}

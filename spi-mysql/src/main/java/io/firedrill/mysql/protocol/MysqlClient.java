package io.firedrill.mysql.protocol;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal MySQL/MariaDB client over plain TCP: the handshake, authentication ({@code mysql_native_password} and
 * {@code caching_sha2_password}, with auth switch requests and RSA full authentication without TLS), text queries,
 * and raw commands for the replication protocol. One connection, not thread-safe except {@link #close()}, which
 * may be called from any thread to abort a blocked read.
 */
public final class MysqlClient implements AutoCloseable {
    private static final int CHARSET_UTF8MB4 = 45;
    private static final int COM_QUIT = 0x01;
    private static final int COM_QUERY = 0x03;
    /** How long a read may block unless {@link #readTimeout} says otherwise: a hung server fails the query. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final Socket socket;
    private final PacketChannel channel;
    private final Handshake handshake;
    private final ConnectionSettings settings;

    private MysqlClient(Socket socket, PacketChannel channel, Handshake handshake, ConnectionSettings settings) {
        this.socket = socket;
        this.channel = channel;
        this.handshake = handshake;
        this.settings = settings;
    }

    /**
     * Connects and authenticates.
     *
     * @throws ServerErrorException when the server refuses (wrong credentials: error 1045)
     * @throws FiredrillException ({@link ErrorCode#ENGINE_FAILURE}) when the server cannot be reached or speaks an
     *     unsupported authentication method
     */
    public static MysqlClient connect(ConnectionSettings settings) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.connectTimeout().toMillis());
            PacketChannel channel = new PacketChannel(new BufferedInputStream(socket.getInputStream(), 1 << 16),
                    new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            Handshake handshake = Handshake.parse(readOrError(channel, "connecting to " + settings));
            MysqlClient client = new MysqlClient(socket, channel, handshake, settings);
            client.authenticate();
            socket.setSoTimeout((int) QUERY_TIMEOUT.toMillis());
            return client;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "could not connect to MySQL at " + settings + ": "
                    + e.getMessage(), "check that the server runs and accepts TCP connections at that host and port", e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private void authenticate() throws IOException {
        String plugin = handshake.authPlugin();
        byte[] scramble = handshake.scramble();
        byte[] answer = answer(plugin, scramble);
        WireWriter response = new WireWriter()
                .uint(Capabilities.CLIENT, 4)
                .uint(PacketChannel.MAX_PACKET, 4)
                .uint(CHARSET_UTF8MB4, 1)
                .bytes(new byte[23])
                .nulTerminated(settings.user())
                .uint(answer.length, 1).bytes(answer)
                .nulTerminated(plugin);
        channel.write(response.toByteArray());
        String step = "authenticating as " + settings;
        boolean keyRequested = false;
        while (true) {
            byte[] packet = channel.read();
            int status = packet.length == 0 ? -1 : Byte.toUnsignedInt(packet[0]);
            switch (status) {
                case 0x00:
                    return;
                case 0xff:
                    throw ServerErrorException.parse(packet, step);
                case 0xfe: {
                    WireReader r = new WireReader(packet);
                    r.skip(1);
                    if (r.remaining() == 0) {
                        throw unsupported("mysql_old_password");
                    }
                    plugin = r.nulTerminated();
                    scramble = r.rest();
                    channel.write(answer(plugin, scramble));
                    break;
                }
                case 0x01: {
                    if (!plugin.equals(AuthScramble.CACHING_SHA2)) {
                        throw unsupported(plugin + " (extra authentication data)");
                    }
                    if (keyRequested) {
                        String pem = new String(packet, 1, packet.length - 1, StandardCharsets.US_ASCII);
                        try {
                            channel.write(AuthScramble.rsaEncryptedPassword(settings.password(), scramble, pem));
                        } catch (GeneralSecurityException e) {
                            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "could not encrypt the password "
                                    + "with the RSA public key of " + settings + ": " + e.getMessage(),
                                    "check the server's caching_sha2_password_public_key_path", e);
                        }
                    } else if (packet.length > 1 && packet[1] == 0x04) {
                        // Full authentication: no TLS here, so ask for the server's RSA public key.
                        keyRequested = true;
                        channel.write(new byte[] {0x02});
                    }
                    // 0x03: fast authentication succeeded; the OK packet follows.
                    break;
                }
                default:
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "unexpected packet (status " + status
                            + ") while " + step, "check that the port is a MySQL or MariaDB server");
            }
        }
    }

    private byte[] answer(String plugin, byte[] scramble) {
        return switch (plugin) {
            case AuthScramble.NATIVE -> AuthScramble.nativePassword(settings.password(), scramble);
            case AuthScramble.CACHING_SHA2 -> AuthScramble.cachingSha2(settings.password(), scramble);
            default -> throw unsupported(plugin);
        };
    }

    private FiredrillException unsupported(String plugin) {
        return new FiredrillException(ErrorCode.ENGINE_FAILURE, "user " + settings + " authenticates with " + plugin
                + ", which Firedrill's replication client does not speak",
                "give the user mysql_native_password or caching_sha2_password (ALTER USER … IDENTIFIED WITH …)");
    }

    /** The server's greeting. */
    public Handshake handshake() {
        return handshake;
    }

    /** The settings this client connected with. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** The server thread id of this connection. */
    public long connectionId() {
        return handshake.connectionId();
    }

    /**
     * Runs a statement and reads its text resultset (empty for statements without one).
     *
     * @throws ServerErrorException when the server refuses it
     * @throws IOException when the connection fails
     */
    public QueryResult query(String sql) throws IOException {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = COM_QUERY;
        System.arraycopy(text, 0, payload, 1, text.length);
        send(payload);
        String step = "query " + sql;
        byte[] first = readOrError(channel, step);
        if (first[0] == 0x00) {
            return new QueryResult(List.of(), List.of());
        }
        int count = (int) new WireReader(first).lengthEncoded();
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            WireReader column = new WireReader(channel.read());
            for (int skip = 0; skip < 4; skip++) {
                column.lengthEncodedString(); // catalog, schema, table, original table
            }
            columns.add(column.lengthEncodedString());
        }
        expectEof(channel.read(), step);
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            byte[] row = readOrError(channel, step);
            if (isEof(row)) {
                return new QueryResult(columns, rows);
            }
            WireReader r = new WireReader(row);
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(r.lengthEncodedString());
            }
            rows.add(values);
        }
    }

    /** Sends a command payload (its first byte is the command) as a new exchange. */
    public void send(byte[] payload) throws IOException {
        channel.resetSequence();
        channel.write(payload);
    }

    /** Reads the next payload as it is (OK, ERR, EOF or data). */
    public byte[] read() throws IOException {
        return channel.read();
    }

    /** How long a read may block before failing with a {@link java.net.SocketTimeoutException}; zero waits forever. */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Says goodbye and closes the socket; safe to call from another thread and more than once. */
    @Override
    public void close() {
        if (!socket.isClosed()) {
            try {
                socket.setSoTimeout(1000);
                send(new byte[] {COM_QUIT});
            } catch (IOException | RuntimeException ignored) {
                // the socket is closed next anyway
            }
        }
        closeQuietly(socket);
    }

    /** Closes the socket at once, without COM_QUIT: unblocks a reader in another thread. */
    public void abort() {
        closeQuietly(socket);
    }

    static boolean isEof(byte[] packet) {
        return packet.length > 0 && packet.length < 9 && Byte.toUnsignedInt(packet[0]) == 0xfe;
    }

    private static void expectEof(byte[] packet, String step) {
        if (!isEof(packet)) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "malformed resultset for " + step
                    + ": no EOF after the column definitions", null);
        }
    }

    private static byte[] readOrError(PacketChannel channel, String step) throws IOException {
        byte[] packet = channel.read();
        if (packet.length == 0) {
            throw new IOException("empty packet while " + step);
        }
        if (Byte.toUnsignedInt(packet[0]) == 0xff) {
            throw ServerErrorException.parse(packet, step);
        }
        return packet;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}

package io.firedrill.mysql.stream;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.protocol.MysqlClient;
import io.firedrill.mysql.protocol.QueryResult;
import io.firedrill.mysql.protocol.ServerErrorException;
import io.firedrill.mysql.protocol.WireWriter;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One connection acting as a replica: checks that the server writes binlogs, learns its identity, negotiates
 * heartbeats and checksums, registers ({@code COM_REGISTER_SLAVE}) and asks for the binlog from a file and position
 * ({@code COM_BINLOG_DUMP}). MariaDB is told the replica understands all its events (capability 4, GTIDs) and is
 * asked for annotate-rows events too, so that nothing of its files is left out or replaced.
 */
final class ReplicaConnection implements AutoCloseable {
    private static final int COM_BINLOG_DUMP = 0x12;
    private static final int COM_REGISTER_SLAVE = 0x15;
    private static final int MARIADB_SEND_ANNOTATE_ROWS = 0x02;
    private static final String PRIVILEGES_HINT = "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO "
            + "'user'@'host' (REPLICATION CLIENT, called BINLOG MONITOR on MariaDB, lets it read the binlog positions)";

    /** A binlog file on the server and its size. */
    record ServerFile(String name, long size) {
    }

    private final MysqlClient client;
    private final SourceIdentity identity;
    private final boolean checksums;

    private ReplicaConnection(MysqlClient client, SourceIdentity identity, boolean checksums) {
        this.client = client;
        this.identity = identity;
        this.checksums = checksums;
    }

    /**
     * Connects, checks and registers.
     *
     * @throws FiredrillException when the credentials are wrong, binary logging is off, or a privilege is missing
     */
    static ReplicaConnection open(ConnectionSettings settings, BinlogStreamSettings stream, long serverId,
            UUID replicaUuid) throws IOException {
        MysqlClient client = MysqlClient.connect(settings);
        try {
            SourceIdentity identity = identify(client).named(stream.stream());
            long heartbeatNanos = stream.heartbeat().toNanos();
            client.query("SET @master_heartbeat_period = " + heartbeatNanos);
            String checksum = client.query("SELECT @@global.binlog_checksum").single();
            client.query("SET @master_binlog_checksum = @@global.binlog_checksum, "
                    + "@source_binlog_checksum = @@global.binlog_checksum");
            client.query("SET @slave_uuid = '" + replicaUuid + "', @replica_uuid = '" + replicaUuid + "'");
            if (identity.mariadb()) {
                client.query("SET @mariadb_slave_capability = 4");
            }
            register(client, serverId, settings);
            client.readTimeout(stream.heartbeat().multipliedBy(3).plus(Duration.ofSeconds(2)));
            return new ReplicaConnection(client, identity, !"NONE".equalsIgnoreCase(checksum));
        } catch (IOException | RuntimeException e) {
            client.abort();
            throw e;
        }
    }

    private static SourceIdentity identify(MysqlClient client) throws IOException {
        boolean mariadb = client.handshake().mariadb();
        QueryResult r = client.query(mariadb
                ? "SELECT @@global.log_bin, @@version, @@server_id, @@hostname, @@port, @@global.log_bin_basename"
                : "SELECT @@global.log_bin, @@version, @@server_id, @@server_uuid");
        List<String> row = r.rows().get(0);
        String logBin = row.get(0);
        if (!"1".equals(logBin) && !"ON".equalsIgnoreCase(logBin)) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server at " + client.settings().host() + ":"
                    + client.settings().port() + " does not write binary logs (log_bin is " + logBin
                    + "), so there is nothing to stream",
                    "start the server with the log-bin option (log_bin=ON in my.cnf; MySQL 8 has it on unless "
                            + "skip-log-bin or disable-log-bin is set), a unique server-id and binlog_format=ROW");
        }
        long serverId = Long.parseLong(row.get(2));
        return mariadb ? SourceIdentity.mariadb(row.get(1), serverId, row.get(3), row.get(4), row.get(5))
                : SourceIdentity.mysql(row.get(1), serverId, row.get(3));
    }

    private static void register(MysqlClient client, long serverId, ConnectionSettings settings) throws IOException {
        WireWriter w = new WireWriter().uint(COM_REGISTER_SLAVE, 1).uint(serverId, 4)
                .shortString("").shortString("").shortString("")
                .uint(0, 2).uint(0, 4).uint(0, 4);
        client.send(w.toByteArray());
        byte[] answer = client.read();
        if (answer.length > 0 && Byte.toUnsignedInt(answer[0]) == 0xff) {
            ServerErrorException refused = ServerErrorException.parse(answer, "registering as a replica "
                    + "(COM_REGISTER_SLAVE) for user " + settings);
            if (refused.errorNumber() == ServerErrorException.ACCESS_DENIED
                    || refused.errorNumber() == ServerErrorException.SPECIFIC_ACCESS_DENIED) {
                // Authentication succeeded already: MariaDB says 1045, MySQL 1227 for a missing privilege here.
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "user " + settings + " may not read the "
                        + "binlog as a replica: the server refused COM_REGISTER_SLAVE (error " + refused.errorNumber()
                        + ": " + refused.serverMessage() + "); it lacks the REPLICATION SLAVE privilege",
                        PRIVILEGES_HINT, refused);
            }
            throw refused;
        }
    }

    /** The server's binlog files and their sizes (SHOW BINARY LOGS), oldest first. */
    List<ServerFile> binaryLogs() throws IOException {
        return binaryLogs(client);
    }

    /** The binlog files of the server behind {@code client}. */
    static List<ServerFile> binaryLogs(MysqlClient client) throws IOException {
        QueryResult r = client.query("SHOW BINARY LOGS");
        List<ServerFile> files = new ArrayList<>(r.rows().size());
        for (List<String> row : r.rows()) {
            files.add(new ServerFile(row.get(0), Long.parseLong(row.get(1))));
        }
        return files;
    }

    /** Asks for the binlog from {@code file} at {@code position}; events follow through {@link #nextEvent()}. */
    void dump(String file, long position, long serverId) throws IOException {
        int flags = identity.mariadb() ? MARIADB_SEND_ANNOTATE_ROWS : 0;
        WireWriter w = new WireWriter().uint(COM_BINLOG_DUMP, 1).uint(position, 4).uint(flags, 2)
                .uint(serverId, 4).string(file);
        client.send(w.toByteArray());
    }

    /**
     * The next event as the server sent it (without the status byte).
     *
     * @throws ServerErrorException when the server reports an error (1236 for a purged file or a bad position)
     * @throws EOFException when the server ends the stream
     * @throws java.net.SocketTimeoutException when nothing, not even a heartbeat, arrived in time
     */
    byte[] nextEvent() throws IOException {
        byte[] packet = client.read();
        if (packet.length == 0) {
            throw new EOFException("empty packet in the binlog stream");
        }
        int status = Byte.toUnsignedInt(packet[0]);
        if (status == 0x00) {
            return Arrays.copyOfRange(packet, 1, packet.length);
        }
        if (status == 0xff) {
            throw ServerErrorException.parse(packet, "sending the binlog");
        }
        throw new EOFException("the server ended the binlog stream");
    }

    /** Whether events in this stream end with a CRC32 (the server's binlog_checksum, which the replica accepted). */
    boolean checksums() {
        return checksums;
    }

    SourceIdentity identity() {
        return identity;
    }

    /** The server thread id of this connection (for {@code KILL}). */
    long connectionId() {
        return client.connectionId();
    }

    /** Cuts the connection at once: unblocks {@link #nextEvent()} in another thread. */
    void abort() {
        client.abort();
    }

    @Override
    public void close() {
        client.abort();
    }
}

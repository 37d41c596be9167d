package io.firedrill.mysql.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of the log stream a server's binary logs are archived under, one per server identity, so that a
 * failover to another server (whose files reuse the same names) never writes into the old server's stream. A MySQL
 * server is named by its {@code server_uuid}, unique per data directory. MariaDB has no server UUID, so its stream
 * adds to the {@code server_id} 8 hex digits of the SHA-256 of {@code @@hostname:@@port:@@log_bin_basename}. The
 * streamer archives into this stream and logical backups record it, so a restore finds the binary logs to replay.
 */
public final class BinlogStreamName {
    private BinlogStreamName() {
    }

    /** {@code mysql-<server_uuid>}. */
    public static String mysql(String serverUuid) {
        return "mysql-" + serverUuid.toLowerCase();
    }

    /** {@code mariadb-<server_id>-<8 hex digits>}. */
    public static String mariadb(long serverId, String hostname, String port, String logBinBasename) {
        String key = hostname + ":" + port + ":" + logBinBasename;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "mariadb-" + serverId + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.firedrill.mysql.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who the source server is, and the log stream its binlogs are archived in. A MySQL server is named by its
 * {@code server_uuid}, unique per data directory: {@code mysql-<server_uuid>}. MariaDB has no server UUID, so its
 * stream is {@code mariadb-<server_id>-<8 hex digits>}, the digits hashing the host name, port and binlog base name
 * ({@code @@hostname}, {@code @@port}, {@code @@log_bin_basename}). Either way a failover to another server starts
 * another stream instead of overwriting the old server's files.
 *
 * @param mariadb whether the source is MariaDB
 * @param version the server version
 * @param serverId the source's {@code server_id}
 * @param stream the log stream
 */
record SourceIdentity(boolean mariadb, String version, long serverId, String stream) {

    /** A MySQL source. */
    static SourceIdentity mysql(String version, long serverId, String serverUuid) {
        return new SourceIdentity(false, version, serverId, "mysql-" + serverUuid.toLowerCase());
    }

    /** A MariaDB source. */
    static SourceIdentity mariadb(String version, long serverId, String hostname, String port, String basename) {
        String key = hostname + ":" + port + ":" + basename;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new SourceIdentity(true, version, serverId, "mariadb-" + serverId + "-"
                    + HexFormat.of().formatHex(digest, 0, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The same identity archived under {@code name} instead. */
    SourceIdentity named(String name) {
        return name == null ? this : new SourceIdentity(mariadb, version, serverId, name);
    }
}

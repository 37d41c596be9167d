package io.firedrill.mysql.stream;

/**
 * Who the source server is, and the log stream its binlogs are archived in ({@link BinlogStreamName}).
 *
 * @param mariadb whether the source is MariaDB
 * @param version the server version
 * @param serverId the source's {@code server_id}
 * @param stream the log stream
 */
record SourceIdentity(boolean mariadb, String version, long serverId, String stream) {

    /** A MySQL source. */
    static SourceIdentity mysql(String version, long serverId, String serverUuid) {
        return new SourceIdentity(false, version, serverId, BinlogStreamName.mysql(serverUuid));
    }

    /** A MariaDB source. */
    static SourceIdentity mariadb(String version, long serverId, String hostname, String port, String basename) {
        return new SourceIdentity(true, version, serverId, BinlogStreamName.mariadb(serverId, hostname, port,
                basename));
    }

    /** The same identity archived under {@code name} instead. */
    SourceIdentity named(String name) {
        return name == null ? this : new SourceIdentity(mariadb, version, serverId, name);
    }
}

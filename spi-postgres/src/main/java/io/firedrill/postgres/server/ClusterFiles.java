package io.firedrill.postgres.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration files Firedrill writes into a freshly initialized cluster. */
final class ClusterFiles {
    private ClusterFiles() {}

    /** Appends Firedrill's settings, then {@code extra}, to {@code postgresql.conf}; the later lines win. */
    static void appendSettings(Path dataDir, int port, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(port));
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", System.getProperty("java.io.tmpdir"));
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("max_replication_slots", "10");
        settings.put("fsync", "on");
        settings.putAll(extra);
        StringBuilder text = new StringBuilder("\n# Written by Firedrill. The port and socket directory are the "
                + "defaults only: each start passes its own.\n");
        settings.forEach((name, value) -> text.append(name).append(" = ").append(quoted(value)).append('\n'));
        Files.writeString(dataDir.resolve("postgresql.conf"), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Replaces {@code pg_hba.conf}: trust for every user and for replication, over the socket and loopback. */
    static void writeHba(Path dataDir) throws IOException {
        String hba = """
                # Written by Firedrill: a local server for drills and tests, reachable only from this machine.
                # TYPE  DATABASE     USER  ADDRESS       METHOD
                local   all          all                 trust
                local   replication  all                 trust
                host    all          all   127.0.0.1/32  trust
                host    replication  all   127.0.0.1/32  trust
                host    all          all   ::1/128       trust
                host    replication  all   ::1/128       trust
                """;
        Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** A setting value as a single-quoted postgresql.conf string. */
    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}

package io.firedrill.postgres.backup;

import io.firedrill.postgres.PostgresFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a backup records about the cluster, read over the connection.
 *
 * @param serverVersion {@code server_version}
 * @param majorVersion the major version (14, 15, …)
 * @param systemIdentifier the cluster's system identifier
 * @param dataDirectory {@code data_directory}
 * @param tablespaces user tablespaces: oid to location
 * @param segmentSize {@code wal_segment_size} in bytes
 * @param dataChecksums whether page checksums are on
 * @param blockSize the page size ({@code block_size}, 8192 unless PostgreSQL was built otherwise)
 * @param segmentBlocks pages per relation segment file ({@code segment_size} in pages: 131072 for 1 GiB)
 * @param inRecovery whether the server is a standby
 * @param timeline the current timeline (of the last checkpoint)
 * @param databases database sizes in bytes by name
 * @param tableEstimates estimated live rows per table of the connected database ({@code schema.table})
 * @param relations the file of each table of the connected database ({@code schema.table} to
 *     {@code base/<database oid>/<relfilenode>}), so a later drop or truncate can be found in the WAL
 */
public record ClusterFacts(String serverVersion, int majorVersion, String systemIdentifier, Path dataDirectory,
                           Map<String, Path> tablespaces, long segmentSize, boolean dataChecksums, int blockSize,
                           long segmentBlocks, boolean inRecovery,
                           long timeline, Map<String, Long> databases, Map<String, Long> tableEstimates,
                           Map<String, String> relations) {

    /** The log stream of this cluster: its WAL never mixes with another cluster's. */
    public String stream() {
        return "postgres-" + systemIdentifier;
    }

    /** Reads the facts. */
    public static ClusterFacts read(Connection c) {
        try (Statement s = c.createStatement()) {
            String version = one(s, "show server_version");
            int major = Integer.parseInt(one(s, "show server_version_num")) / 10000;
            String sysid = one(s, "select system_identifier::text from pg_control_system()");
            Path dataDir = Path.of(one(s, "show data_directory"));
            long segmentSize = Long.parseLong(one(s, "select setting from pg_settings where name = 'wal_segment_size'"));
            boolean checksums = "on".equals(one(s, "show data_checksums"));
            int blockSize = Integer.parseInt(one(s, "select setting from pg_settings where name = 'block_size'"));
            // segment_size is given in pages (its unit is the block size).
            long segmentBlocks = Long.parseLong(one(s,
                    "select setting from pg_settings where name = 'segment_size'"));
            boolean recovery = "t".equals(one(s, "select pg_is_in_recovery()")) || "true".equals(one(s,
                    "select pg_is_in_recovery()::text"));
            long timeline = Long.parseLong(one(s, "select timeline_id::text from pg_control_checkpoint()"));
            Map<String, Path> tablespaces = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select oid::text, pg_tablespace_location(oid) from pg_tablespace "
                    + "where spcname not in ('pg_default', 'pg_global') order by oid")) {
                while (rs.next()) {
                    tablespaces.put(rs.getString(1), Path.of(rs.getString(2)));
                }
            }
            Map<String, Long> databases = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select datname, pg_database_size(oid) from pg_database "
                    + "where datallowconn order by datname")) {
                while (rs.next()) {
                    databases.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, Long> tables = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select schemaname || '.' || relname, n_live_tup from "
                    + "pg_stat_user_tables order by 1")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, String> relations = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select n.nspname || '.' || c.relname, pg_relation_filepath(c.oid) "
                    + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'm') "
                    + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' "
                    + "order by 1")) {
                while (rs.next()) {
                    relations.put(rs.getString(1), rs.getString(2));
                }
            }
            return new ClusterFacts(version, major, sysid, dataDir, tablespaces, segmentSize, checksums, blockSize,
                    segmentBlocks, recovery, timeline, databases, tables, relations);
        } catch (SQLException e) {
            throw PostgresFailure.of("reading the cluster's settings", e);
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

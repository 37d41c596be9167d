package io.firedrill.postgres.stream;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.postgres.wal.Lsn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What streaming needs to know about the cluster, and the SQL and replication commands that tell it.
 *
 * @param systemIdentifier the cluster's system identifier
 * @param segmentSize {@code wal_segment_size} in bytes
 */
record ClusterIdentity(String systemIdentifier, long segmentSize) {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentity.class);

    /** The log stream, as for archive_command and backups. */
    String stream() {
        return "postgres-" + systemIdentifier;
    }

    /**
     * What {@code IDENTIFY_SYSTEM} answers.
     *
     * @param systemIdentifier the cluster
     * @param timeline the server's current timeline
     * @param position its current flush position
     */
    record Identified(String systemIdentifier, long timeline, Lsn position) {
    }

    static Identified identify(Connection replication) throws SQLException {
        try (Statement s = replication.createStatement(); ResultSet rs = s.executeQuery("IDENTIFY_SYSTEM")) {
            rs.next();
            return new Identified(rs.getString(1), Long.parseLong(rs.getString(2)), Lsn.parse(rs.getString(3)));
        }
    }

    static ClusterIdentity read(Connection sql, String systemIdentifier) throws SQLException {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(
                "select setting from pg_settings where name = 'wal_segment_size'")) {
            rs.next();
            return new ClusterIdentity(systemIdentifier, Long.parseLong(rs.getString(1)));
        }
    }

    /**
     * Creates the physical slot, reserving WAL at once, unless it exists; returns its restart position (empty
     * for a slot never used).
     */
    static Lsn ensureSlot(Connection sql, String slot) throws SQLException {
        try (PreparedStatement s = sql.prepareStatement(
                "select slot_type, restart_lsn::text from pg_replication_slots where slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (!"physical".equals(rs.getString(1))) {
                        throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "replication slot " + slot
                                + " exists but is " + rs.getString(1), "name another slot (firedrill.postgres.slot)");
                    }
                    String restart = rs.getString(2);
                    return restart == null ? null : Lsn.parse(restart);
                }
            }
        }
        try (PreparedStatement s = sql.prepareStatement("select pg_create_physical_replication_slot(?, true)")) {
            s.setString(1, slot);
            s.execute();
            LOG.info("created physical replication slot {}", slot);
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // created concurrently: fine
                throw e;
            }
        }
        return ensureSlot(sql, slot);
    }

    /**
     * A timeline's history file: {@code TIMELINE_HISTORY} over the replication connection, or
     * {@code pg_read_binary_file} (superuser or pg_read_server_files) when that fails.
     */
    static byte[] timelineHistory(Connection replication, Connection sql, long timeline) throws SQLException {
        try (Statement s = replication.createStatement();
             ResultSet rs = s.executeQuery("TIMELINE_HISTORY " + timeline)) {
            rs.next();
            return rs.getString(2).getBytes(StandardCharsets.UTF_8);
        } catch (SQLException e) {
            LOG.debug("TIMELINE_HISTORY {} failed ({}); reading the file", timeline, e.getMessage());
            try (PreparedStatement s = sql.prepareStatement("select pg_read_binary_file(?)")) {
                s.setString(1, "pg_wal/" + String.format("%08X.history", timeline));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        }
    }

    /**
     * What the lag poller sees.
     *
     * @param position the position up to which the server has durable WAL it could stream, or null
     * @param timeline the timeline it writes (a primary) or receives (a standby), or -1 when unknown
     */
    record ServerPosition(Lsn position, long timeline) {
    }

    static ServerPosition serverPosition(Connection sql) throws SQLException {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery("select case when pg_is_in_recovery() "
                + "then greatest(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) "
                + "else pg_current_wal_flush_lsn() end::text, case when pg_is_in_recovery() "
                + "then (select received_tli::text from pg_stat_wal_receiver) "
                + "else substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) end")) {
            rs.next();
            String text = rs.getString(1);
            String tli = rs.getString(2);
            long timeline = tli == null ? -1 : tli.length() == 8 ? Long.parseLong(tli, 16) : Long.parseLong(tli);
            return new ServerPosition(text == null ? null : Lsn.parse(text), timeline);
        }
    }
}

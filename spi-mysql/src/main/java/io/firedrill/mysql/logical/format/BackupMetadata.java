package io.firedrill.mysql.logical.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The metadata stream ({@value StreamNames#METADATA}) of a logical backup: the server, the snapshot's coordinates,
 * and every object with the streams that hold it. Written last, once every other stream is stored.
 *
 * @param format the format version, {@value #FORMAT}
 * @param flavor {@code mysql} or {@code mariadb}
 * @param version the server version, such as {@code 10.11.19-MariaDB}
 * @param serverId {@code @@server_id}
 * @param serverUuid {@code @@server_uuid} (MySQL), or an empty string
 * @param coordinates where the snapshot sits in the binary log
 * @param schemas the schemas dumped, in name order
 * @param accounts the accounts stream ({@value StreamNames#ACCOUNTS}) when accounts were dumped, else {@code null}
 * @param replica where the snapshot stands in the sources' binary logs when the server is a replica, else
 *     {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupMetadata(int format, String flavor, String version, long serverId, String serverUuid,
                             Coordinates coordinates, List<Schema> schemas, String accounts, Replica replica) {
    /** The format version this code writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    /** Copies. */
    public BackupMetadata {
        schemas = List.copyOf(schemas);
    }

    /**
     * The binary log position of the snapshot.
     *
     * @param binlogFile the current binary log file, or {@code null} when binary logging is off
     * @param binlogPosition the position in it, or {@code null}
     * @param gtidExecuted MySQL {@code @@gtid_executed}, or {@code null}
     * @param gtidBinlogPos MariaDB {@code @@gtid_binlog_pos}, or {@code null}
     * @param gtidCurrentPos MariaDB {@code @@gtid_current_pos}, or {@code null}
     * @param gtidBinlogState MariaDB {@code @@gtid_binlog_state}, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coordinates(String binlogFile, Long binlogPosition, String gtidExecuted, String gtidBinlogPos,
                              String gtidCurrentPos, String gtidBinlogState) {
    }

    /**
     * The sources a replica applies, at the snapshot.
     *
     * @param gtid the source transactions the snapshot holds: MySQL {@code @@gtid_executed}, MariaDB
     *     {@code @@gtid_slave_pos}
     * @param sources one per replication channel
     */
    public record Replica(String gtid, List<Source> sources) {
        /** Copies. */
        public Replica {
            sources = List.copyOf(sources);
        }
    }

    /**
     * One replication channel at the snapshot: the snapshot holds every transaction of the source up to
     * {@code binlogFile:binlogPosition} and none after.
     *
     * @param channel the channel (MySQL) or connection (MariaDB) name, {@code ""} for the default one
     * @param serverId the source's {@code server_id}
     * @param serverUuid the source's {@code server_uuid} (MySQL), or {@code ""}
     * @param binlogFile the source's binary log holding the last transaction applied ({@code Relay_Master_Log_File})
     * @param binlogPosition the position after it ({@code Exec_Master_Log_Pos})
     * @param applier {@code paused} (the backup stopped the SQL thread for the snapshot and restarted it),
     *     {@code stopped} (it was stopped before the backup, which left it so) or {@code running} (the pause was
     *     turned off: the position was read under the global read lock)
     */
    public record Source(String channel, long serverId, String serverUuid, String binlogFile, long binlogPosition,
                         String applier) {
    }

    /**
     * One schema.
     *
     * @param name its name
     * @param stream its {@code CREATE DATABASE} stream
     * @param tables its base tables
     * @param objects its views, procedures, functions, triggers and events
     */
    public record Schema(String name, String stream, List<Table> tables, List<SchemaObject> objects) {
        /** Copies. */
        public Schema {
            tables = List.copyOf(tables);
            objects = List.copyOf(objects);
        }
    }

    /**
     * One base table.
     *
     * @param name its name
     * @param stream its {@code CREATE TABLE} stream
     * @param columns the columns its data streams hold, in order (generated columns are left out)
     * @param key the columns the rows are ordered by (primary or unique key), empty when it has none
     * @param data its data streams, in key order
     * @param rows how many rows the snapshot held
     */
    public record Table(String name, String stream, List<Column> columns, List<String> key, List<Part> data,
                        long rows) {
        /** Copies. */
        public Table {
            columns = List.copyOf(columns);
            key = List.copyOf(key);
            data = List.copyOf(data);
        }
    }

    /**
     * One column of a data stream.
     *
     * @param name the column name
     * @param kind how its text is written and loaded: {@code plain} (as the server sends it), {@code bit} (as an
     *     unsigned decimal) or {@code json} (JSON text in utf8mb4)
     */
    public record Column(String name, String kind) {
    }

    /**
     * One data stream.
     *
     * @param stream its name
     * @param rows how many rows it holds
     */
    public record Part(String stream, long rows) {
    }

    /**
     * A view, routine, trigger or event, recreated with the session settings it was defined under.
     *
     * @param type {@code view}, {@code procedure}, {@code function}, {@code trigger} or {@code event}
     * @param name its name
     * @param stream its DDL stream
     * @param sqlMode the {@code sql_mode} it was created with
     * @param characterSetClient its {@code character_set_client}
     * @param collationConnection its {@code collation_connection}
     */
    public record SchemaObject(String type, String name, String stream, String sqlMode, String characterSetClient,
                               String collationConnection) {
    }

    /** Writes this as JSON. */
    public void write(OutputStream out) throws IOException {
        MAPPER.writeValue(out, this);
    }

    /** Reads the JSON {@link #write} wrote; refuses a newer format. */
    public static BackupMetadata read(InputStream in) throws IOException {
        BackupMetadata metadata = MAPPER.readValue(in, BackupMetadata.class);
        if (metadata.format() > FORMAT) {
            throw new IOException("logical backup format " + metadata.format() + " is newer than this Firedrill ("
                    + FORMAT + ")");
        }
        return metadata;
    }
}

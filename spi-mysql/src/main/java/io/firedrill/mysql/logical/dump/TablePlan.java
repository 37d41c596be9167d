package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import io.firedrill.mysql.logical.format.BackupMetadata;
import java.util.List;

/**
 * A base table to dump, as the schema read found it.
 *
 * @param schema its schema
 * @param name its name
 * @param stream its {@code CREATE TABLE} stream
 * @param columns the columns to dump (generated ones left out)
 * @param key the ordering key, empty when it has no primary or non-null unique key
 * @param dataLength the server's estimate of its size in bytes
 * @param rowEstimate the server's estimate of its row count
 */
public record TablePlan(String schema, String name, String stream, List<KeyColumn> columns, List<KeyColumn> key,
                        long dataLength, long rowEstimate) {
    /** Copies. */
    public TablePlan {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /**
     * A column and how to read it.
     *
     * @param name the column name
     * @param dataType the server's {@code DATA_TYPE}, lower case
     * @param kind {@code plain}, {@code bit} or {@code json} (see {@link BackupMetadata.Column})
     */
    public record KeyColumn(String name, String dataType, String kind) {
        /** Whether the column holds integers. */
        public boolean integer() {
            return List.of("tinyint", "smallint", "mediumint", "int", "bigint").contains(dataType);
        }

        /** Whether values are byte strings (read and compared as bytes). */
        public boolean binary() {
            return List.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob").contains(dataType);
        }
    }

    /** {@code `schema`.`name`}. */
    public String quoted() {
        return Sql.quote(schema) + "." + Sql.quote(name);
    }
}

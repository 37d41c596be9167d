package io.firedrill.api;

import java.nio.file.Path;
import java.util.Objects;

/** What a backup reads: a directory tree, or a database through its engine. */
public sealed interface BackupSource {

    /** A name for the catalog, without credentials. */
    String displayName();

    /**
     * A directory tree: regular files, directories, symbolic links, modes and modification times.
     *
     * @param path the root directory
     */
    record Directory(Path path) implements BackupSource {
        /** Normalises the path. */
        public Directory {
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        }

        @Override
        public String displayName() {
            return path.toString();
        }
    }

    /**
     * A database, through the engine plugin that claims the connection.
     *
     * @param connection a JDBC URL, possibly with credentials
     */
    record Database(String connection) implements BackupSource {
        /** Validates the connection. */
        public Database {
            Objects.requireNonNull(connection, "connection");
            if (connection.isBlank()) {
                throw new InvalidConfigurationException("the database connection is empty",
                        "pass a JDBC URL such as jdbc:postgresql://db1:5432/app");
            }
        }

        /** The connection without user info, password or query parameters. */
        @Override
        public String displayName() {
            return Redaction.connection(connection);
        }

        /** Never shows credentials. */
        @Override
        public String toString() {
            return "Database[" + displayName() + "]";
        }
    }
}

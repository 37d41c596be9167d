package io.firedrill.api.spi;

/**
 * A database engine plugin (PostgreSQL, MySQL, MariaDB). Found through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.firedrill.api.spi.EngineProvider} file) or registered explicitly with
 * {@code Firedrill.configure().engineProvider(...)}. Providers are stateless; exactly one must claim a
 * connection, or the operation fails naming the candidates.
 */
public interface EngineProvider {

    /** A short id such as {@code postgres}. */
    String id();

    /**
     * Whether this engine handles the connection, typically a JDBC URL such as
     * {@code jdbc:postgresql://db1/app}.
     */
    boolean supports(String connection);

    /**
     * Opens the engine for one connection.
     *
     * @param connection a connection this provider {@link #supports(String) supports}
     */
    Engine open(String connection);

    /** Whether this engine recovers backups of that catalog kind (such as {@code postgres-physical}). */
    default boolean recovers(String backupKind) {
        return false;
    }

    /** The recovery procedure for this engine's backups. */
    default Recovery recovery() {
        throw new UnsupportedOperationException("engine '" + id() + "' does not recover backups");
    }
}

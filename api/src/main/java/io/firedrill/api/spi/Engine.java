package io.firedrill.api.spi;

/**
 * One database engine bound to one connection. The operations an engine supplies (physical and logical
 * backups, log sources, recovery, drill checks) are added by the engine issues; today no engine module is
 * built, and every database operation fails with a {@link io.firedrill.api.PluginNotFoundException}.
 */
public interface Engine extends AutoCloseable {

    /** The provider's id. */
    String id();

    /** Releases connections. */
    @Override
    void close();
}

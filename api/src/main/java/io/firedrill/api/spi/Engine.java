package io.firedrill.api.spi;

import io.firedrill.api.LogArchiver;

/**
 * One database engine bound to one connection. Operations an engine does not support throw
 * {@link UnsupportedOperationException} with a message naming the engine and the operation.
 */
public interface Engine extends AutoCloseable {

    /** The provider's id. */
    String id();

    /** Starts a physical backup (the server is told, the core copies the trees, then {@code finish}). */
    default PhysicalBackup startBackup(EngineContext context) {
        throw new UnsupportedOperationException("engine '" + id() + "' does not take physical backups");
    }

    /**
     * Whether {@code backup()} of this engine takes a {@linkplain #startLogicalBackup logical} backup rather than a
     * {@linkplain #startBackup physical} one.
     */
    default boolean takesLogicalBackups() {
        return false;
    }

    /** Starts a logical backup: a consistent snapshot the engine writes as streams. */
    default LogicalBackup startLogicalBackup(EngineContext context) {
        throw new UnsupportedOperationException("engine '" + id() + "' does not take logical backups");
    }

    /** Starts archiving the server's logs continuously into {@code context.logs()}. */
    default LogArchiver archiveLogs(EngineContext context) {
        throw new UnsupportedOperationException("engine '" + id() + "' does not stream logs");
    }

    /** Releases connections. */
    @Override
    void close();
}

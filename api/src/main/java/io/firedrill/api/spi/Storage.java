package io.firedrill.api.spi;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A flat namespace of immutable objects: what Firedrill needs from a storage backend.
 *
 * <p>Names are relative, {@code /}-separated paths such as {@code data/3f/3fa9...}; they never start
 * with {@code /} and never contain {@code ..}. Firedrill writes each object once and never changes it,
 * except for lock files, which it overwrites to refresh their heartbeat.
 *
 * <p>Required operations are {@link #put}, {@link #get(String)}, {@link #head}, {@link #list} and
 * {@link #delete}. Optional operations are announced through {@link #features()}; the core branches on
 * features, never on the implementing class.
 *
 * <p>Errors: a missing object is an {@link io.firedrill.api.ObjectNotFoundException}; any other failure is
 * a {@link io.firedrill.api.StorageException}, marked retryable when trying again may succeed. Instances
 * must be safe for use by several threads at once.
 */
public interface Storage extends AutoCloseable {

    /** The optional features this storage supports. */
    Set<StorageFeature> features();

    /**
     * Stores an object, replacing any object of that name. When this method returns normally the object
     * is durable: a crash of this process or of the storage host does not lose it.
     *
     * @param name object name
     * @param content the bytes; may be opened again if the storage retries
     */
    void put(String name, Payload content);

    /**
     * Stores an object only if no object of that name exists, atomically: of two concurrent callers at
     * most one succeeds. Only called when {@link #features()} contains
     * {@link StorageFeature#CREATE_IF_ABSENT}.
     *
     * @return {@code true} if this call created the object, {@code false} if it already existed
     */
    default boolean putIfAbsent(String name, Payload content) {
        throw new UnsupportedOperationException(describe() + " does not support create-if-absent");
    }

    /** Opens an object for reading. The caller closes the stream. */
    InputStream get(String name);

    /**
     * Opens a byte range of an object. The default reads and skips; storages with
     * {@link StorageFeature#RANGED_READ} override it with a real ranged read.
     *
     * @param offset first byte, from 0
     * @param length number of bytes; the range must lie inside the object
     */
    default InputStream get(String name, long offset, long length) {
        return RangedStreams.slice(get(name), offset, length);
    }

    /** The object's size, or empty when there is no such object. */
    Optional<ObjectInfo> head(String name);

    /**
     * Reports every object whose name starts with {@code prefix}, in no particular order. Listings may be
     * eventually consistent on some backends; Firedrill never relies on a listing to find an object it has
     * just written.
     */
    void list(String prefix, Consumer<ObjectInfo> receiver);

    /** Deletes an object; deleting a missing object succeeds. */
    void delete(String name);

    /** A short description for messages, such as {@code file:/var/backups/db1}. Never contains a secret. */
    String describe();

    /** Releases connections and threads. The default does nothing. */
    @Override
    default void close() {
    }
}

package io.firedrill.api.spi;

/**
 * An engine's look at the bytes of a {@link DataTree} as the core reads them, such as PostgreSQL's check of each
 * data page's checksum. The core calls it once for every chunk of every regular file of the tree, before the chunk
 * is hashed and stored, so the engine sees exactly the bytes the backup keeps, read only once.
 *
 * <p>Chunks are cut at fixed offsets from the start of each file; their size is a multiple of 8 KiB (the
 * repository's {@code fileChunkSize}), so every chunk but a file's last holds whole 8 KiB pages, and the last holds
 * what the file has. A file that shrinks while it is read is seen with zeros where its bytes were gone.
 *
 * <p>Calls come from several worker threads at once, for different chunks of the same or of different files, in no
 * particular order: an implementation must be thread-safe and should be fast and bounded in memory. It must not keep
 * {@code data}, which the core reuses once the call returns. An exception it throws fails the backup; report what
 * it finds through its own engine instead (for example in {@link PhysicalBackup#finish()}).
 */
@FunctionalInterface
public interface ContentInspector {
    /** Looks at nothing: the same as a tree without an inspector. */
    ContentInspector NONE = (relativePath, offset, data, length) -> { };

    /**
     * Looks at one chunk.
     *
     * @param relativePath the file's path relative to the tree's root, {@code /}-separated (the path
     *     {@link DataTree#exclude()} is asked about, without the tree's name)
     * @param offset where the chunk starts in the file, in bytes
     * @param data the chunk's bytes, from index 0; valid only during the call, never to be modified
     * @param length how many bytes of {@code data} belong to the chunk
     */
    void inspect(String relativePath, long offset, byte[] data, int length);
}

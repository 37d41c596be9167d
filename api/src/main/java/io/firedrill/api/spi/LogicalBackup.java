package io.firedrill.api.spi;

/**
 * A logical backup in progress, driven by an engine: the engine reads a consistent snapshot of the server and
 * writes it as named streams (schema, table data) into a {@link StreamSink}; the core cuts every stream into
 * content-defined chunks, so unchanged data deduplicates against earlier backups, and records the streams in
 * the backup's manifest.
 */
public interface LogicalBackup extends AutoCloseable {

    /** The backup kind recorded in the catalog, such as {@code mysql-logical}. */
    String kind();

    /** The log stream this backup's logs are archived in, or an empty string when logs are not archived. */
    String logStream();

    /**
     * Dumps the snapshot into {@code sink}, in parallel as the engine sees fit, and returns what the backup must
     * remember (its snapshot coordinates in {@code details}). Called once.
     */
    PhysicalBackup.Result dump(StreamSink sink);

    /** Releases the snapshot's connections; idempotent. */
    @Override
    void close();
}

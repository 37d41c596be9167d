package io.firedrill.api.spi;

import java.util.List;
import java.util.Map;

/**
 * A physical backup in progress, driven by an engine: the engine has told the server a backup is starting;
 * the core copies {@link #trees()} into the repository; then {@link #finish()} tells the server it is over,
 * waits until the logs the backup needs are archived, and returns what the backup must remember.
 */
public interface PhysicalBackup extends AutoCloseable {

    /** The backup kind recorded in the catalog, such as {@code postgres-physical}. */
    String kind();

    /** The log stream this backup's logs are archived in. */
    String logStream();

    /** The trees to copy. */
    List<DataTree> trees();

    /**
     * Ends the backup on the server, waits for the logs it needs, and returns its metadata.
     *
     * @return metadata: {@code summary} values are shown in listings (positions, versions); {@code details} go
     *     into the manifest for recovery and drills; {@code files} are small files to write into the restored
     *     tree (such as {@code backup_label}), keyed by their path relative to the target
     */
    Result finish();

    /** Aborts the backup on the server if {@link #finish()} was not called; idempotent. */
    @Override
    void close();

    /**
     * What a finished backup records.
     *
     * @param summary short facts for listings
     * @param details facts for recovery and drills
     * @param files small files to write into the restored tree
     */
    record Result(Map<String, String> summary, Map<String, Object> details, Map<String, byte[]> files) {
        /** Copies. */
        public Result {
            summary = Map.copyOf(summary);
            details = Map.copyOf(details);
            files = Map.copyOf(files);
        }
    }
}

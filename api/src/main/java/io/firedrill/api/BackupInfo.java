package io.firedrill.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backup as the catalog lists it. A backup is listed only once every object it needs is durable.
 *
 * @param id the backup's id
 * @param source what was backed up, such as a directory path or a database name; retention groups by it
 * @param kind the kind of backup: {@code directory}, or an engine's kind such as {@code postgres-physical}
 * @param host the host that took it
 * @param started when it started
 * @param finished when its catalog entry was written
 * @param tags free-form labels
 * @param stats sizes
 * @param metadata engine facts worth seeing without reading the manifest (start/stop positions…)
 */
public record BackupInfo(BackupId id, String source, String kind, String host, Instant started, Instant finished,
                         List<String> tags, BackupStats stats, Map<String, String> metadata) {
    /** Validates and copies the fields. */
    public BackupInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        tags = List.copyOf(tags);
        Objects.requireNonNull(stats, "stats");
        metadata = Map.copyOf(metadata);
    }
}

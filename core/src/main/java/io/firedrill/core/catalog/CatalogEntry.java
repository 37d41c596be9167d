package io.firedrill.core.catalog;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a catalog entry, {@code backups/<id>}: a backup exists exactly when this object does.
 * Written last, after every blob it names (through its manifest) is durable and indexed.
 *
 * @param version format version, 1
 * @param id the backup id
 * @param source the source name
 * @param kind {@code directory} or an engine kind
 * @param host the host that took it
 * @param started ISO-8601
 * @param finished ISO-8601
 * @param tags labels
 * @param stats sizes
 * @param metadata engine facts for listings
 * @param manifest the manifest's blob ids, in order
 * @param details engine backups only: the blob ids of the engine's details document (JSON), in order; it is
 *     stored like data (readable only with a key that can read backups)
 */
public record CatalogEntry(int version, String id, String source, String kind, String host, String started,
                           String finished, List<String> tags, BackupStats stats, Map<String, String> metadata,
                           List<String> manifest, List<String> details) {

    /** The public view. */
    public BackupInfo info() {
        return new BackupInfo(BackupId.of(id), source, kind, host, Instant.parse(started), Instant.parse(finished),
                tags == null ? List.of() : tags, stats, metadata == null ? Map.of() : metadata);
    }
}

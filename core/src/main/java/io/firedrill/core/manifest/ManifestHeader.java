package io.firedrill.core.manifest;

import java.util.Map;

/**
 * The fields of a manifest before its entries.
 *
 * @param version format version, 1
 * @param backup the backup id
 * @param source the source name
 * @param kind {@code directory} or an engine kind
 * @param fileChunkSize the fixed chunk size files were cut into
 * @param engine engine metadata (start/stop positions, versions, row counts…); empty for directories
 */
public record ManifestHeader(int version, String backup, String source, String kind, int fileChunkSize,
                             Map<String, Object> engine) {
}

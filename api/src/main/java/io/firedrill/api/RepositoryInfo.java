package io.firedrill.api;

import java.time.Instant;

/**
 * Facts about an opened repository.
 *
 * @param id the repository's random id
 * @param location the storage, without secrets
 * @param formatVersion the repository format version
 * @param created when it was created
 * @param encrypted whether objects are encrypted
 * @param canRead whether the key that opened it can read backups (false for a write-only key)
 * @param chunking the chunking chosen at creation
 */
public record RepositoryInfo(String id, String location, int formatVersion, Instant created, boolean encrypted,
                             boolean canRead, Chunking chunking) {
}

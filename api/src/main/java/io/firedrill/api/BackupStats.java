package io.firedrill.api;

/**
 * Sizes of one backup.
 *
 * @param files regular files in the backup
 * @param sourceBytes bytes read from the source
 * @param newBlobs chunks this backup had to store (the rest were already in the repository)
 * @param newBytes bytes of source data in those new chunks, before compression
 * @param storedBytes bytes this backup added to the storage (compressed, encrypted, including metadata)
 */
public record BackupStats(long files, long sourceBytes, long newBlobs, long newBytes, long storedBytes) {
}

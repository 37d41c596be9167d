package io.firedrill.core.index;

/**
 * Where a blob is stored.
 *
 * @param pack the pack that holds it
 * @param type what it holds
 * @param offset first byte of its sealed form within the pack
 * @param length size of its sealed form
 * @param rawLength size of its plaintext
 */
public record BlobLocation(PackRef pack, BlobType type, long offset, int length, int rawLength) {
}

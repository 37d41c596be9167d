package io.firedrill.core.pack;

import java.util.List;

/**
 * The sealed list of blobs at the end of a pack, enough to rebuild the index from the packs alone.
 *
 * @param blobs the pack's blobs, in order
 */
public record PackTrailer(List<Entry> blobs) {

    /**
     * One blob.
     *
     * @param id 64 hex digits
     * @param type {@code data} or {@code manifest}
     * @param offset first byte of the sealed blob
     * @param length sealed length
     * @param raw plaintext length
     */
    public record Entry(String id, String type, long offset, int length, int raw) {
    }
}

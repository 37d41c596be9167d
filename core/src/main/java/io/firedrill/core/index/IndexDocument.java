package io.firedrill.core.index;

import java.util.List;

/**
 * The JSON body of an index file: which blobs each pack holds.
 *
 * @param version format version, 1
 * @param packs the packs this file describes
 */
public record IndexDocument(int version, List<Pack> packs) {

    /**
     * One pack.
     *
     * @param id the pack id
     * @param envelope base64 of the sealed session data key (empty when unencrypted)
     * @param blobs its blobs
     */
    public record Pack(String id, String envelope, List<Blob> blobs) {
    }

    /**
     * One blob.
     *
     * @param id 64 hex digits
     * @param type {@code data} or {@code manifest}
     * @param offset first byte of the sealed blob in the pack
     * @param length sealed length
     * @param raw plaintext length
     */
    public record Blob(String id, String type, long offset, int length, int raw) {
    }
}

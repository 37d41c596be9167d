package io.firedrill.core.copy;

import io.firedrill.core.index.BlobId;

/**
 * Moves blobs from the source repository into the destination. A transferred blob counts as present at the
 * destination only after {@link #commit()}: then it is durable and named by a durable index file there.
 */
interface BlobTransfer extends AutoCloseable {

    /**
     * Makes the destination hold the source's blob {@code id} (durably after {@link #commit()}).
     *
     * @return the blob's id at the destination: the same id when both repositories share their keys
     */
    BlobId transfer(BlobId id);

    /** Makes every blob transferred so far durable and indexed at the destination. */
    void commit();

    /** Whether blobs keep their ids, so source manifests and entries are valid at the destination as they are. */
    boolean keepsIds();

    /** Bytes written to the destination's storage so far: packs and index files. */
    long bytesWritten();

    /** Stops background work; blobs not committed are left unindexed (garbage for the destination's prune). */
    @Override
    void close();
}

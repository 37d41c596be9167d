package io.firedrill.core.pack;

import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Blobs stored back to back in one pack, in pack order, which {@link BlobReader#readRun} fetches with one ranged
 * read. A run is bounded: its plaintext stays within {@code maxBytes} and its sealed bytes within
 * {@code maxBytes + maxBytes / 64} (room for the per-blob seal and codec overhead), except that a single blob
 * always forms a run of its own, however large.
 *
 * @param <T> what the caller attaches to each blob (where its plaintext goes)
 */
public final class BlobRun<T> {
    /** The default bound of a run's plaintext: 8 MiB, eight default file chunks. */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
    private final int maxBytes;
    private final List<Member<T>> members = new ArrayList<>();
    private long sealedBytes;
    private long rawBytes;

    /**
     * One blob of a run.
     *
     * @param id the blob's id
     * @param location where it is
     * @param target what the caller attached to it
     * @param <T> the attachment's type
     */
    public record Member<T>(BlobId id, BlobLocation location, T target) {
    }

    /** @param maxBytes the bound of the run's plaintext, at least 1 */
    public BlobRun(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a run holds at least one byte, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Whether {@code next} can join: the run is empty, or {@code next} is in the same pack, starts where the run
     * ends, and keeps the run within its bounds.
     */
    public boolean accepts(BlobLocation next) {
        if (members.isEmpty()) {
            return true;
        }
        BlobLocation last = members.get(members.size() - 1).location();
        return last.pack().equals(next.pack())
                && last.offset() + last.length() == next.offset()
                && rawBytes + next.rawLength() <= maxBytes
                && sealedBytes + next.length() <= maxBytes + maxBytes / 64;
    }

    /** Adds a blob the run {@link #accepts}. */
    public void add(BlobId id, BlobLocation location, T target) {
        if (!accepts(location)) {
            throw new IllegalArgumentException("blob " + id + " at offset " + location.offset() + " of "
                    + location.pack().objectName() + " does not continue the run");
        }
        members.add(new Member<>(id, location, target));
        sealedBytes += location.length();
        rawBytes += location.rawLength();
    }

    /** The blobs, in pack order. */
    public List<Member<T>> members() {
        return members;
    }

    /** Whether the run holds no blob. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** The pack object the run is in; the run must not be empty. */
    String objectName() {
        return members.get(0).location().pack().objectName();
    }

    /** Where the run starts in its pack; the run must not be empty. */
    long offset() {
        return members.get(0).location().offset();
    }

    /** The sealed bytes of every blob in the run. */
    long sealedBytes() {
        return sealedBytes;
    }

    /** The plaintext bytes of every blob in the run. */
    public long rawBytes() {
        return rawBytes;
    }
}

package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download that survives a broken connection: when reading the body fails, or it ends before the expected end, the
 * rest is fetched again with a ranged GET from the first byte not yet delivered, a bounded number of times. The
 * caller sees one uninterrupted stream.
 */
final class ResumingStream extends BlockInputStream {

    /** Opens the object's bytes from an absolute position to the expected end. */
    interface Reopener {
        InputStream openAt(long position);
    }

    private final String object;
    private final Reopener reopener;
    private final long end;
    private final int maxResumes;
    private InputStream current;
    private long position;
    private int resumes;

    /**
     * @param first the body of the first answer, starting at {@code start}
     * @param end the position after the last byte expected
     */
    ResumingStream(InputStream first, String object, long start, long end, int maxResumes, Reopener reopener) {
        this.current = first;
        this.object = object;
        this.position = start;
        this.end = end;
        this.maxResumes = maxResumes;
        this.reopener = reopener;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (position >= end) {
                return -1;
            }
            IOException failure;
            try {
                int n = current.read(b, off, (int) Math.min(len, end - position));
                if (n > 0) {
                    position += n;
                    return n;
                }
                failure = new IOException("the answer ended at byte " + position + " of " + end);
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        if (resumes >= maxResumes) {
            throw new IOException("reading " + object + " failed at byte " + position + " after " + resumes
                    + " resumed downloads: " + failure.getMessage(), failure);
        }
        resumes++;
        closeQuietly();
        try {
            current = reopener.openAt(position);
        } catch (StorageException e) {
            current = InputStream.nullInputStream();
            IOException wrapped = new IOException("reading " + object + " failed at byte " + position
                    + " and could not be resumed: " + e.getMessage(), e);
            wrapped.addSuppressed(failure);
            throw wrapped;
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException ignored) {
            // the broken connection is dropped
        }
    }
}

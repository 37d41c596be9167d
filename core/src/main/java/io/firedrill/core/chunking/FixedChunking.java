package io.firedrill.core.chunking;

/**
 * Fixed-size file chunking: chunk {@code i} covers bytes {@code [i * size, min((i + 1) * size, fileLength))}.
 * With a page-aligned size, a changed database page touches exactly one chunk.
 */
public final class FixedChunking {
    private FixedChunking() {
    }

    /**
     * How many chunks a file has; an empty file has none.
     *
     * @param fileLength the file's length, {@code >= 0}
     * @param chunkSize the chunk size, {@code > 0}
     * @return the number of chunks
     */
    public static long chunkCount(long fileLength, int chunkSize) {
        check(fileLength, chunkSize);
        return fileLength / chunkSize + (fileLength % chunkSize == 0 ? 0 : 1);
    }

    /**
     * The length of chunk {@code index}: {@code chunkSize}, except for a shorter last chunk.
     *
     * @param fileLength the file's length, {@code >= 0}
     * @param chunkSize the chunk size, {@code > 0}
     * @param index the chunk's index, within {@code [0, chunkCount(fileLength, chunkSize))}
     * @return its length in bytes
     */
    public static int chunkLength(long fileLength, int chunkSize, long index) {
        long count = chunkCount(fileLength, chunkSize);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("chunk " + index + " of a file with " + count + " chunks");
        }
        return (int) Math.min(chunkSize, fileLength - index * chunkSize);
    }

    private static void check(long fileLength, int chunkSize) {
        if (fileLength < 0 || chunkSize <= 0) {
            throw new IllegalArgumentException("fileLength must be >= 0 and chunkSize > 0, were " + fileLength
                    + " and " + chunkSize);
        }
    }
}

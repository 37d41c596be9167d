package io.firedrill.api;

/**
 * How data is cut into chunks, the unit of deduplication. Fixed for repository lifetime once chosen at
 * creation: changing it would defeat deduplication against older backups.
 *
 * @param fileChunkSize size of the fixed, page-aligned chunks files are cut into; a multiple of 8 KiB from
 *     64 KiB to 64 MiB (default 1 MiB)
 * @param streamMinSize smallest content-defined chunk of a stream (default 256 KiB)
 * @param streamAverageSize target average content-defined chunk of a stream (default 1 MiB)
 * @param streamMaxSize largest content-defined chunk of a stream (default 4 MiB)
 */
public record Chunking(int fileChunkSize, int streamMinSize, int streamAverageSize, int streamMaxSize) {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** Validates the sizes. */
    public Chunking {
        if (fileChunkSize < 64 * KIB || fileChunkSize > 64 * MIB || fileChunkSize % (8 * KIB) != 0) {
            throw new InvalidConfigurationException("fileChunkSize must be a multiple of 8 KiB within 64 KiB..64 MiB, was "
                    + fileChunkSize, "the default, 1 MiB, suits most databases");
        }
        if (streamMinSize < 4 * KIB || streamAverageSize <= streamMinSize || streamMaxSize <= streamAverageSize
                || streamMaxSize > 64 * MIB || Integer.bitCount(streamAverageSize) != 1) {
            throw new InvalidConfigurationException("stream chunk sizes must satisfy 4 KiB <= min < average < max <= 64 MiB"
                    + " with a power-of-two average, were min=" + streamMinSize + " average=" + streamAverageSize
                    + " max=" + streamMaxSize, "the defaults are 256 KiB, 1 MiB and 4 MiB");
        }
    }

    /** 1 MiB file chunks; 256 KiB / 1 MiB / 4 MiB stream chunks. */
    public static Chunking defaults() {
        return new Chunking(MIB, 256 * KIB, MIB, 4 * MIB);
    }

    /** A copy with another file chunk size. */
    public Chunking withFileChunkSize(int bytes) {
        return new Chunking(bytes, streamMinSize, streamAverageSize, streamMaxSize);
    }
}

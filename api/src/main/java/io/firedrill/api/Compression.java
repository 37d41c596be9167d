package io.firedrill.api;

/**
 * How chunks are compressed before encryption. Chunks that do not shrink are stored as they are.
 *
 * @param level zstd level from 1 (fastest) to 19; {@code 0} disables compression
 */
public record Compression(int level) {
    /** Validates the level. */
    public Compression {
        if (level < 0 || level > 19) {
            throw new InvalidConfigurationException("compression level must be within 0..19, was " + level,
                    "use 3 (the default) for backups, 1 for speed, 0 to store chunks uncompressed");
        }
    }

    /** zstd at the given level. */
    public static Compression zstd(int level) {
        if (level == 0) {
            throw new InvalidConfigurationException("zstd level must be within 1..19, was 0",
                    "use Compression.none() to disable compression");
        }
        return new Compression(level);
    }

    /** No compression. */
    public static Compression none() {
        return new Compression(0);
    }

    /** The default: zstd level 3. */
    public static Compression defaults() {
        return new Compression(3);
    }

    /** Whether chunks are compressed. */
    public boolean enabled() {
        return level > 0;
    }
}

package io.firedrill.api;

/**
 * How much stored data {@code verify()} reads back, decrypts, decompresses and hash-checks, beyond the
 * structural check that every referenced object exists.
 */
public sealed interface ReadData {

    /** Read nothing: the structural check only (fast; catches missing objects, not damaged ones). */
    static ReadData none() {
        return new Percent(0);
    }

    /** Read every stored object. */
    static ReadData all() {
        return new Percent(100);
    }

    /**
     * Read a random sample of about {@code percent} of the data objects. Reading 1% a day reads, over a year,
     * most of a repository that does not grow fast.
     *
     * @param percent from 0 to 100
     */
    static ReadData percent(double percent) {
        return new Percent(percent);
    }

    /**
     * Read random data objects until about {@code bytes} have been read.
     *
     * @param bytes the budget, at least 1
     */
    static ReadData bytes(long bytes) {
        return new Budget(bytes);
    }

    /**
     * A sampled percentage.
     *
     * @param percent from 0 to 100
     */
    record Percent(double percent) implements ReadData {
        /** Validates the range. */
        public Percent {
            if (!(percent >= 0 && percent <= 100)) {
                throw new InvalidConfigurationException("readData percent must be within 0..100, was " + percent,
                        null);
            }
        }
    }

    /**
     * A byte budget.
     *
     * @param bytes at least 1
     */
    record Budget(long bytes) implements ReadData {
        /** Validates the budget. */
        public Budget {
            if (bytes < 1) {
                throw new InvalidConfigurationException("readData bytes must be >= 1, was " + bytes, null);
            }
        }
    }
}

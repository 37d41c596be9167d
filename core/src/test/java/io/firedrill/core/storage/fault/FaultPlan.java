package io.firedrill.core.storage.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What faults a {@link FaultInjectingStorage} injects. Mutating calls ({@code put}, {@code putIfAbsent},
 * {@code delete}) are numbered from 1 in the order they reach the storage.
 *
 * @param failingMutations numbers of the mutating calls that fail, without effect, with a retryable
 *     {@link io.firedrill.api.StorageException}
 * @param crashAtMutation number of the mutating call at which the process "crashes", or 0 for never; that
 *     call takes effect or not at random, then it and every later call throws {@link SimulatedCrash}
 * @param failureProbability chance, from 0 to 1, that any call fails, without effect, with a retryable
 *     {@link io.firedrill.api.StorageException}
 * @param delay how long every call waits before doing anything; zero for no delay
 * @param seed seeds every random choice, so a single-threaded test replays exactly
 */
public record FaultPlan(Set<Long> failingMutations, long crashAtMutation, double failureProbability,
        Duration delay, long seed) {

    /** Validates the fields and copies the set. */
    public FaultPlan {
        failingMutations = Set.copyOf(Objects.requireNonNull(failingMutations, "failingMutations"));
        for (long n : failingMutations) {
            if (n < 1) {
                throw new IllegalArgumentException("mutating calls are numbered from 1; cannot fail call #" + n);
            }
        }
        if (crashAtMutation < 0) {
            throw new IllegalArgumentException("crashAtMutation must be >= 1, or 0 for no crash; was "
                    + crashAtMutation);
        }
        if (!(failureProbability >= 0 && failureProbability <= 1)) {
            throw new IllegalArgumentException("failureProbability must lie in [0, 1], was " + failureProbability);
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
    }

    /** A plan that injects nothing. */
    public static FaultPlan none() {
        return builder().build();
    }

    /** Starts a plan that injects nothing until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FaultPlan}. */
    public static final class Builder {
        private final Set<Long> failingMutations = new TreeSet<>();
        private long crashAtMutation;
        private double failureProbability;
        private Duration delay = Duration.ZERO;
        private long seed;

        private Builder() {
        }

        /** Fails these mutating calls (numbered from 1) with a retryable exception. */
        public Builder failMutation(long... numbers) {
            for (long n : numbers) {
                failingMutations.add(n);
            }
            return this;
        }

        /** Crashes at this mutating call (numbered from 1). */
        public Builder crashAtMutation(long number) {
            if (number < 1) {
                throw new IllegalArgumentException("mutating calls are numbered from 1; cannot crash at #" + number);
            }
            this.crashAtMutation = number;
            return this;
        }

        /** Fails any call with this probability, from 0 to 1. */
        public Builder failureProbability(double probability) {
            this.failureProbability = probability;
            return this;
        }

        /** Delays every call by this much. */
        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Seeds the random choices. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The plan. */
        public FaultPlan build() {
            return new FaultPlan(failingMutations, crashAtMutation, failureProbability, delay, seed);
        }
    }
}

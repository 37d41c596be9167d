package io.firedrill.core.storage.proxy;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link ChaosProxy} does to the requests it relays, each drawn independently per request from a seeded
 * random sequence. Rates are probabilities in 0..1; at most one fault hits a request.
 *
 * @param seed seeds the random sequence
 * @param dropRate close the client's connection before the request reaches the server
 * @param errorRate answer 500 or 503 instead of relaying the request
 * @param truncateRate relay the request, then cut the response's body off half-way and close the connection
 * @param delayRate hold the server's response back for {@code delay} before relaying it
 * @param delay how long a delayed response is held back
 * @param droppedRequestHeaders request headers (lower case) never relayed, to imitate a server that ignores them
 */
public record ChaosPlan(long seed, double dropRate, double errorRate, double truncateRate, double delayRate,
                        Duration delay, Set<String> droppedRequestHeaders) {

    /** Validates the rates. */
    public ChaosPlan {
        Objects.requireNonNull(delay, "delay");
        droppedRequestHeaders = Set.copyOf(droppedRequestHeaders);
        double total = 0;
        for (double rate : new double[] {dropRate, errorRate, truncateRate, delayRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates lie in 0..1, got " + rate);
            }
            total += rate;
        }
        if (total > 1) {
            throw new IllegalArgumentException("the rates add up to " + total + ", more than 1");
        }
    }

    /** A plan that relays everything untouched. */
    public static ChaosPlan calm(long seed) {
        return new ChaosPlan(seed, 0, 0, 0, 0, Duration.ZERO, Set.of());
    }

    /** This plan, dropping connections at {@code rate}. */
    public ChaosPlan withDrops(double rate) {
        return new ChaosPlan(seed, rate, errorRate, truncateRate, delayRate, delay, droppedRequestHeaders);
    }

    /** This plan, answering 500/503 at {@code rate}. */
    public ChaosPlan withErrors(double rate) {
        return new ChaosPlan(seed, dropRate, rate, truncateRate, delayRate, delay, droppedRequestHeaders);
    }

    /** This plan, cutting responses off at {@code rate}. */
    public ChaosPlan withTruncations(double rate) {
        return new ChaosPlan(seed, dropRate, errorRate, rate, delayRate, delay, droppedRequestHeaders);
    }

    /** This plan, delaying responses by {@code by} at {@code rate}. */
    public ChaosPlan withDelays(double rate, Duration by) {
        return new ChaosPlan(seed, dropRate, errorRate, truncateRate, rate, by, droppedRequestHeaders);
    }

    /** This plan, never relaying the request header {@code name}. */
    public ChaosPlan withoutRequestHeader(String name) {
        Set<String> names = new TreeSet<>(droppedRequestHeaders);
        names.add(name.toLowerCase(Locale.ROOT));
        return new ChaosPlan(seed, dropRate, errorRate, truncateRate, delayRate, delay, names);
    }
}

package io.firedrill.examples.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of sampled figures. */
final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p}th percentile (100 is the maximum) of {@code values}, or -1 when there is none. */
    static <T extends Comparable<T>> T of(List<T> values, int p, T none) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return none;
        }
        int rank = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.min(sorted.size() - 1, rank));
    }
}

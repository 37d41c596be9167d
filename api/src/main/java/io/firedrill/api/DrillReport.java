package io.firedrill.api;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a restore drill: each step with its duration, so the real recovery time is known
 * before it is needed.
 *
 * @param backup the backup drilled
 * @param steps the steps, in order
 * @param elapsed total wall time (the recovery time)
 */
public record DrillReport(BackupId backup, List<Step> steps, Duration elapsed) {
    /** Copies the list. */
    public DrillReport {
        steps = List.copyOf(steps);
    }

    /**
     * One step of a drill.
     *
     * @param name what the step did, such as {@code restore} or {@code check}
     * @param elapsed how long it took
     * @param detail what it found
     */
    public record Step(String name, Duration elapsed, String detail) {
    }
}

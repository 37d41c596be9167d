package io.firedrill.api;

import java.time.Duration;
import java.util.Map;

/**
 * What point-in-time recovery reached.
 *
 * @param target the target asked for
 * @param reached a description of where replay stopped (position, time, timeline)
 * @param replay how long replay took
 * @param running whether the recovered server is running (then it listens on {@code port})
 * @param port the port of the running server, or 0
 * @param facts engine facts (last replayed LSN, timeline, …)
 */
public record RecoveryReport(RecoveryTarget target, String reached, Duration replay, boolean running, int port,
                             Map<String, String> facts) {
    /** Copies. */
    public RecoveryReport {
        facts = Map.copyOf(facts);
    }
}

package io.firedrill.api.spi;

import io.firedrill.api.ProgressListener;
import java.time.Clock;

/**
 * What the core hands an engine for one operation.
 *
 * @param logs the repository's log archive
 * @param listener the operation's progress listener
 * @param clock the configured clock
 */
public record EngineContext(LogStore logs, ProgressListener listener, Clock clock) {
}

package io.firedrill.api.spi;

import io.firedrill.api.ProgressListener;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the core hands an engine for one operation.
 *
 * @param logs the repository's log archive
 * @param listener the operation's progress listener
 * @param clock the configured clock
 * @param options the operation's engine options by name, as the caller set them with {@code option(name, value)};
 *     empty for the engine's defaults. The names are the engine's: an engine must refuse names it does not know with
 *     an {@link io.firedrill.api.InvalidConfigurationException} listing the valid ones (an engine without options
 *     refuses any), so that a misspelt option never goes unnoticed
 */
public record EngineContext(LogStore logs, ProgressListener listener, Clock clock, Map<String, String> options) {
    /** Validates and copies. */
    public EngineContext {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        options = Map.copyOf(options);
    }

    /**
     * A context without engine options.
     *
     * @param logs the repository's log archive
     * @param listener the operation's progress listener
     * @param clock the configured clock
     */
    public EngineContext(LogStore logs, ProgressListener listener, Clock clock) {
        this(logs, listener, clock, Map.of());
    }
}

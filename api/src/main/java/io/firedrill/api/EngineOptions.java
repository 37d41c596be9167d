package io.firedrill.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine options a command collects with {@code option(name, value)}: checked for shape here, by name in the
 * engine, which refuses names it does not know.
 */
final class EngineOptions {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Sets {@code name} to {@code value}, replacing an earlier value. */
    void put(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new InvalidConfigurationException("an engine option name is blank",
                    "use a name the engine documents, such as 'threads' for MySQL");
        }
        values.put(name.trim(), value);
    }

    /** An immutable copy. */
    Map<String, String> values() {
        return Map.copyOf(values);
    }
}

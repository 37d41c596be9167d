package io.firedrill.mysql.settings;

import io.firedrill.api.InvalidConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one engine operation: the engine options the caller set ({@code option(name, value)} on the
 * command) first, then the system property {@code firedrill.mysql.<name>}, a default for the whole JVM, then the
 * built-in default. Each operation accepts its own names ({@link Operation}); any other name is refused at once.
 */
public final class MysqlOptions {
    /** The prefix of the system properties that give JVM-wide defaults. */
    public static final String PROPERTY_PREFIX = "firedrill.mysql.";

    /** An engine operation and the option names it accepts. */
    public enum Operation {
        /** A logical backup ({@code DumpSettings}). */
        BACKUP("backup", Set.of("threads", "includeSchemas", "excludeSchemas", "accounts", "rangeBytes",
                "lockWaitSeconds", "replicaPause")),
        /** A logical restore or drill ({@code LogicalLoad}, {@code NewServer}, {@code RestoreInstallation}). */
        RESTORE("restore", Set.of("restore.deferIndexes", "serverOptions", "basedir")),
        /** Binary log streaming ({@code BinlogStreamSettings}). */
        STREAMING("log archiver", Set.of("serverId", "heartbeat", "partialInterval", "statusInterval",
                "reconnectBackoff", "reconnectBackoffMax", "spool", "stream"));

        private final String label;
        private final Set<String> names;

        Operation(String label, Set<String> names) {
            this.label = label;
            this.names = names;
        }

        /** The option names this operation accepts. */
        public Set<String> names() {
            return names;
        }
    }

    private final Map<String, String> options;

    private MysqlOptions(Map<String, String> options) {
        this.options = Map.copyOf(options);
    }

    /**
     * The settings of {@code operation} with these engine options.
     *
     * @throws InvalidConfigurationException naming the valid options when a name is not one of the operation's
     */
    public static MysqlOptions of(Operation operation, Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(operation.names);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("unknown MySQL engine option" + (unknown.size() > 1 ? "s " : " ")
                    + unknown + " for a " + operation.label, "the " + operation.label + " accepts "
                    + new TreeSet<>(operation.names) + " (docs/mysql.md)");
        }
        return new MysqlOptions(options);
    }

    /** The settings of {@code operation} from system properties alone. */
    public static MysqlOptions systemProperties(Operation operation) {
        return of(operation, Map.of());
    }

    /** The value the caller set as an engine option, ignoring system properties. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The engine option, else the system property {@code firedrill.mysql.<name>}, else {@code null}. */
    public String text(String name) {
        String value = options.get(name);
        return value != null ? value : System.getProperty(PROPERTY_PREFIX + name);
    }

    /** Where {@code name}'s value comes from, for error messages: the option or the system property. */
    public String source(String name) {
        return options.containsKey(name) ? "engine option " + name : PROPERTY_PREFIX + name;
    }

    /** A whole number, or {@code fallback} when unset. */
    public long number(String name, long fallback) {
        String value = text(name);
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(source(name) + " must be a number, was '" + value + "'", null);
        }
    }

    /** A whole number that fits an {@code int}, or {@code fallback} when unset. */
    public int integer(String name, int fallback) {
        long value = number(name, fallback);
        if (value != (int) value) {
            throw new InvalidConfigurationException(source(name) + " is out of range, was " + value, null);
        }
        return (int) value;
    }

    /** {@code true} or {@code false} (any case), or {@code fallback} when unset. */
    public boolean bool(String name, boolean fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(source(name) + " must be true or false, was '" + value
                    + "'", null);
        };
    }

    /** A comma-separated list of names, empty when unset. */
    public Set<String> names(String name) {
        String value = text(name);
        return value == null ? Set.of() : Set.copyOf(Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }

    /** An ISO-8601 duration such as {@code PT2S}, or {@code fallback} when unset. */
    public Duration duration(String name, Duration fallback) {
        String value = text(name);
        try {
            return value == null ? fallback : Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(source(name) + " must be an ISO-8601 duration such as PT2S, was '"
                    + value + "'", null);
        }
    }
}

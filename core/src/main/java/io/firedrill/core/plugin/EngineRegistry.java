package io.firedrill.core.plugin;

import io.firedrill.api.PluginNotFoundException;
import io.firedrill.api.spi.EngineProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Chooses the engine for a database connection: an explicitly registered provider that supports it wins;
 * otherwise exactly one discovered provider must claim it. The error names the module to add.
 */
public final class EngineRegistry {
    private static final Map<String, String> KNOWN_MODULES = new LinkedHashMap<>();

    static {
        KNOWN_MODULES.put("jdbc:postgresql:", "io.firedrill:firedrill-postgres");
        KNOWN_MODULES.put("jdbc:mysql:", "io.firedrill:firedrill-mysql");
        KNOWN_MODULES.put("jdbc:mariadb:", "io.firedrill:firedrill-mariadb");
    }

    private EngineRegistry() {
    }

    /** The provider that recovers backups of a catalog kind, such as {@code postgres-physical}. */
    public static EngineProvider forKind(String kind, List<EngineProvider> explicit) {
        for (EngineProvider p : explicit) {
            if (p.recovers(kind)) {
                return p;
            }
        }
        List<EngineProvider> discovered = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, EngineRegistry.class.getClassLoader()).forEach(discovered::add);
        List<EngineProvider> matching = discovered.stream().filter(p -> p.recovers(kind)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String prefix = kind.contains("-") ? kind.substring(0, kind.indexOf('-')) : kind;
        throw new PluginNotFoundException((matching.isEmpty() ? "no engine on the classpath recovers '" + kind
                + "' backups" : "several engines claim '" + kind + "' backups: " + StorageRegistry.describe(matching))
                + "; engines found: " + StorageRegistry.describe(discovered),
                "add the dependency io.firedrill:firedrill-" + prefix);
    }

    /**
     * The provider for a connection.
     *
     * @param connection the JDBC URL
     * @param displayName the connection without credentials, for messages
     * @param explicit providers registered on the configuration
     */
    public static EngineProvider find(String connection, String displayName, List<EngineProvider> explicit) {
        for (EngineProvider p : explicit) {
            if (p.supports(connection)) {
                return p;
            }
        }
        List<EngineProvider> discovered = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, EngineRegistry.class.getClassLoader()).forEach(discovered::add);
        List<EngineProvider> matching = discovered.stream().filter(p -> p.supports(connection)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new PluginNotFoundException("several engines claim " + displayName + ": "
                    + StorageRegistry.describe(matching), "register the one to use with engineProvider(...)");
        }
        String module = KNOWN_MODULES.entrySet().stream().filter(e -> connection.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        List<EngineProvider> all = new ArrayList<>(explicit);
        all.addAll(discovered);
        throw new PluginNotFoundException("no database engine on the classpath handles " + displayName
                + "; engines found: " + StorageRegistry.describe(all),
                module != null ? "add the dependency " + module + " (not yet released: see the project's issues)"
                        : "supported connections start with " + String.join(", ", KNOWN_MODULES.keySet()));
    }
}

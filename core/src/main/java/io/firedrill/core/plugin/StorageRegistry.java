package io.firedrill.core.plugin;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.Redaction;
import io.firedrill.api.PluginNotFoundException;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the storage provider for a repository URI: an explicitly registered provider for the scheme wins;
 * otherwise exactly one discovered provider must claim it. Fails early and names what it found.
 */
public final class StorageRegistry {
    private static final Map<String, String> KNOWN_MODULES = Map.of(
            "s3", "io.firedrill:firedrill-storage-s3",
            "swift", "io.firedrill:firedrill-storage-swift");

    private StorageRegistry() {
    }

    /** Opens the storage a repository URI names. */
    public static Storage open(String repository, List<StorageProvider> explicit) {
        URI uri = parse(repository);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        for (StorageProvider p : explicit) {
            if (p.scheme().equalsIgnoreCase(scheme)) {
                return p.open(uri);
            }
        }
        List<StorageProvider> discovered = new ArrayList<>();
        ServiceLoader.load(StorageProvider.class, StorageRegistry.class.getClassLoader()).forEach(discovered::add);
        List<StorageProvider> matching = discovered.stream().filter(p -> p.scheme().equalsIgnoreCase(scheme)).toList();
        if (matching.isEmpty()) {
            String module = KNOWN_MODULES.get(scheme);
            throw new PluginNotFoundException("no storage provider handles '" + scheme + ":' URIs (repository "
                    + repository + "); providers found: " + describe(discovered),
                    module != null ? "add the dependency " + module
                            : "add the plugin for this scheme, or register one with storageProvider(...)");
        }
        if (matching.size() > 1) {
            throw new PluginNotFoundException("several storage providers claim '" + scheme + ":' URIs: "
                    + describe(matching), "remove one of them, or register the one to use with storageProvider(...)");
        }
        return matching.get(0).open(uri);
    }

    private static URI parse(String repository) {
        try {
            URI uri = new URI(repository);
            if (uri.getScheme() == null) {
                throw new URISyntaxException(repository, "no scheme");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("repository URI '" + Redaction.connection(repository)
                    + "' is malformed: "
                    + e.getReason(), "use a URI such as file:/var/backups/db1 or s3://bucket/prefix");
        }
    }

    static String describe(List<?> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream().map(p -> p.getClass().getName() + " (" + origin(p.getClass()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String origin(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown jar" : source.getLocation().toString();
    }
}

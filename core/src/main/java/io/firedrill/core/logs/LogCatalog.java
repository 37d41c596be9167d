package io.firedrill.core.logs;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import io.firedrill.core.repository.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads every log entry of a repository, for prune (what logs keep alive) and verify (what logs need). */
public final class LogCatalog {
    private LogCatalog() {
    }

    /**
     * Every readable log entry by object name, and the damaged ones with the reason.
     *
     * @param entries readable entries by object name
     * @param damaged object name to the reason it could not be read
     */
    public record Listing(Map<String, LogEntry> entries, Map<String, String> damaged) {
    }

    /** Reads all entries, {@code parallelism} at a time. */
    public static Listing read(Repository repository) {
        List<String> names = new ArrayList<>();
        repository.storage().list(RepositoryLayout.LOGS, info -> names.add(info.name()));
        RepositoryLogStore store = new RepositoryLogStore(repository);
        Map<String, LogEntry> entries = new ConcurrentHashMap<>();
        Map<String, String> damaged = new ConcurrentHashMap<>();
        Workers.forEach(names, repository.settings().parallelism(), name -> {
            try {
                store.entry(name).ifPresent(e -> entries.put(name, e));
            } catch (CorruptObjectException e) {
                damaged.put(name, e.getMessage());
            } catch (ObjectNotFoundException gone) {
                // deleted between list and read (a .partial replaced by its complete file)
            }
        });
        return new Listing(Map.copyOf(entries), Map.copyOf(damaged));
    }
}

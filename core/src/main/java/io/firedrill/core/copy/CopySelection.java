package io.firedrill.core.copy;

import io.firedrill.api.BackupId;
import io.firedrill.api.CopyRequest;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.retention.RetentionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which of the source's backups a copy request selects; pure logic over catalog entries. */
final class CopySelection {
    private CopySelection() {
    }

    /**
     * Applies the request's filters in order: source, ids, then latest-per-source or a retention policy.
     *
     * @param entries the source's catalog, oldest first
     * @param request the filters
     * @param pins ids pinned at the destination (kept by a {@code retainedBy} policy when the source has them)
     * @param now the instant the policy's {@code keepWithin} counts back from
     * @param repository the source, for messages
     * @return the selected entries, oldest first
     */
    static List<CatalogEntry> select(List<CatalogEntry> entries, CopyRequest request, Set<BackupId> pins,
                                     Instant now, String repository) {
        List<CatalogEntry> chosen = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (request.source() == null || request.source().equals(e.source())) {
                chosen.add(e);
            }
        }
        if (!request.ids().isEmpty()) {
            Set<String> wanted = new HashSet<>();
            request.ids().forEach(id -> wanted.add(id.value()));
            chosen.removeIf(e -> !wanted.contains(e.id()));
            chosen.forEach(e -> wanted.remove(e.id()));
            if (!wanted.isEmpty()) {
                throw new FiredrillException(ErrorCode.BACKUP_NOT_FOUND, "backups " + new java.util.TreeSet<>(wanted)
                        + " are not in the repository " + repository
                        + (request.source() == null ? "" : " as backups of source '" + request.source() + "'"),
                        "list() shows the backups the source repository holds");
            }
        }
        if (request.latestOnly()) {
            Map<String, CatalogEntry> newest = new LinkedHashMap<>();
            chosen.forEach(e -> newest.put(e.source(), e));
            chosen.retainAll(newest.values());
        }
        if (request.retainedBy() != null) {
            Set<BackupId> kept = new HashSet<>();
            RetentionRules.plan(chosen.stream().map(CatalogEntry::info).toList(), pins, request.retainedBy(), now)
                    .keep().forEach(k -> kept.add(k.backup().id()));
            chosen.removeIf(e -> !kept.contains(BackupId.of(e.id())));
        }
        return chosen;
    }
}

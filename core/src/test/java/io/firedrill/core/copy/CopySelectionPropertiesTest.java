package io.firedrill.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupStats;
import io.firedrill.api.CopyRequest;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.retention.RetentionRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The selection of a copy, over generated catalogs: what each filter keeps, and that order is preserved. */
class CopySelectionPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String MANIFEST = "00".repeat(32);

    /** One backup per item: its source (0..2) and its age in hours; oldest first. */
    private static List<CatalogEntry> catalog(List<@IntRange(min = 0, max = 2) Integer> sources) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Instant started = NOW.minus(Duration.ofHours(7L * (sources.size() - i)));
            String id = BackupIdFormat.of(started, i);
            entries.add(new CatalogEntry(1, id, "s" + sources.get(i), "directory", "host", started.toString(),
                    started.plusSeconds(5).toString(), List.of(), new BackupStats(1, 1, 1, 1, 1), Map.of(),
                    List.of(MANIFEST), null));
        }
        return entries;
    }

    private static CopyRequest request(String source, Set<BackupId> ids, boolean latest, RetentionPolicy policy) {
        return new CopyRequest(source, ids, latest, policy, true, false, ProgressListener.NONE);
    }

    private static boolean isSubsequence(List<CatalogEntry> part, List<CatalogEntry> whole) {
        int i = 0;
        for (CatalogEntry e : whole) {
            if (i < part.size() && part.get(i).equals(e)) {
                i++;
            }
        }
        return i == part.size();
    }

    @Property
    void everyFilterKeepsOrderAndOnlyWhatItNames(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 2) Integer> sources,
                                                 @ForAll @IntRange(min = 0, max = 2) int only,
                                                 @ForAll boolean bySource) {
        List<CatalogEntry> entries = catalog(sources);
        String source = bySource ? "s" + only : null;
        List<CatalogEntry> all = CopySelection.select(entries, request(source, Set.of(), false, null), Set.of(), NOW,
                "mem:test");
        assertTrue(isSubsequence(all, entries));
        assertEquals(entries.stream().filter(e -> source == null || e.source().equals(source)).toList(), all);

        List<CatalogEntry> latest = CopySelection.select(entries, request(source, Set.of(), true, null), Set.of(),
                NOW, "mem:test");
        assertTrue(isSubsequence(latest, entries));
        Map<String, CatalogEntry> newest = new LinkedHashMap<>();
        all.forEach(e -> newest.put(e.source(), e));
        assertEquals(new HashSet<>(newest.values()), new HashSet<>(latest));

        RetentionPolicy policy = RetentionPolicy.builder().keepLast(2).keepDaily(1).build();
        List<CatalogEntry> retained = CopySelection.select(entries, request(source, Set.of(), false, policy),
                Set.of(), NOW, "mem:test");
        assertTrue(isSubsequence(retained, entries));
        Set<String> kept = new HashSet<>();
        RetentionRules.plan(all.stream().map(CatalogEntry::info).toList(), Set.of(), policy, NOW).keep()
                .forEach(k -> kept.add(k.backup().id().value()));
        assertEquals(kept, new HashSet<>(retained.stream().map(CatalogEntry::id).toList()));

        if (!all.isEmpty()) {
            CatalogEntry one = all.get(all.size() / 2);
            assertEquals(List.of(one), CopySelection.select(entries, request(source,
                    Set.of(BackupId.of(one.id())), false, null), Set.of(), NOW, "mem:test"));
        }
    }

    /** Backup ids with a given start time and a counter for the random part. */
    private static final class BackupIdFormat {
        static String of(Instant started, int n) {
            return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(started) + "-" + String.format("%08x", n);
        }
    }
}

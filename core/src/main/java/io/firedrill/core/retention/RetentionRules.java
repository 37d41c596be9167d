package io.firedrill.core.retention;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which backups a {@link RetentionPolicy} keeps and which it forgets, without touching a repository.
 *
 * <p>Each source (see {@link BackupInfo#source()}) is judged on its own. Within a source, backups are walked
 * newest first (by start time, then by id):
 * <ul>
 *   <li>{@code last}: the newest {@code keepLast} backups;</li>
 *   <li>{@code daily}, {@code weekly}, {@code monthly}: the newest backup of each of the newest
 *       {@code keepDaily} calendar days (ISO weeks, months) that have a backup, in the policy's zone;</li>
 *   <li>{@code within}: every backup that started after {@code now - keepWithin};</li>
 *   <li>{@code pinned}: every backup whose id is pinned.</li>
 * </ul>
 * A backup is kept when at least one rule keeps it, and forgotten otherwise. Both lists of the plan are
 * ordered newest first, so the same input always gives the same plan.
 */
public final class RetentionRules {
    /** Newest first; among backups that started at the same instant, the greater id first. */
    private static final Comparator<BackupInfo> NEWEST_FIRST =
            Comparator.comparing(BackupInfo::started).thenComparing(BackupInfo::id).reversed();

    private RetentionRules() {
    }

    /**
     * Plans retention.
     *
     * @param backups every backup of the repository; each id at most once
     * @param pinned ids that must be kept whatever the policy says; ids not in {@code backups} are ignored
     * @param policy the rules
     * @param now the instant {@code keepWithin} counts back from
     * @return every backup exactly once, either kept (with its reasons) or forgotten
     * @throws IllegalArgumentException when an id appears more than once in {@code backups}
     */
    public static RetentionPlan plan(List<BackupInfo> backups, Set<BackupId> pinned, RetentionPolicy policy,
                                     Instant now) {
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        List<BackupInfo> ordered = new ArrayList<>(backups);
        ordered.sort(NEWEST_FIRST);
        rejectDuplicateIds(ordered);

        Map<String, List<BackupInfo>> bySource = new LinkedHashMap<>();
        for (BackupInfo backup : ordered) {
            bySource.computeIfAbsent(backup.source(), source -> new ArrayList<>()).add(backup);
        }
        Map<BackupId, Set<String>> reasons = new HashMap<>();
        for (List<BackupInfo> group : bySource.values()) {
            judgeSource(group, pinned, policy, now, reasons);
        }

        List<RetentionPlan.Kept> keep = new ArrayList<>();
        List<BackupInfo> forget = new ArrayList<>();
        for (BackupInfo backup : ordered) {
            Set<String> why = reasons.get(backup.id());
            if (why == null) {
                forget.add(backup);
            } else {
                keep.add(new RetentionPlan.Kept(backup, why));
            }
        }
        return new RetentionPlan(keep, forget);
    }

    /** Applies every rule to the backups of one source, which are ordered newest first. */
    private static void judgeSource(List<BackupInfo> newestFirst, Set<BackupId> pinned, RetentionPolicy policy,
                                    Instant now, Map<BackupId, Set<String>> reasons) {
        for (int i = 0; i < Math.min(policy.keepLast(), newestFirst.size()); i++) {
            keep(reasons, newestFirst.get(i), "last");
        }
        keepNewestPerPeriod(newestFirst, CalendarPeriod.DAY, policy.keepDaily(), policy, reasons);
        keepNewestPerPeriod(newestFirst, CalendarPeriod.WEEK, policy.keepWeekly(), policy, reasons);
        keepNewestPerPeriod(newestFirst, CalendarPeriod.MONTH, policy.keepMonthly(), policy, reasons);
        if (!policy.keepWithin().isZero()) {
            Instant cutoff = now.minus(policy.keepWithin());
            for (BackupInfo backup : newestFirst) {
                if (backup.started().isAfter(cutoff)) {
                    keep(reasons, backup, "within");
                }
            }
        }
        for (BackupInfo backup : newestFirst) {
            if (pinned.contains(backup.id())) {
                keep(reasons, backup, "pinned");
            }
        }
    }

    private static void keepNewestPerPeriod(List<BackupInfo> newestFirst, CalendarPeriod period, int count,
                                            RetentionPolicy policy, Map<BackupId, Set<String>> reasons) {
        Set<Object> taken = new HashSet<>();
        for (BackupInfo backup : newestFirst) {
            if (taken.size() == count) {
                return;
            }
            if (taken.add(period.bucket(backup.started(), policy.zone()))) {
                keep(reasons, backup, period.reason());
            }
        }
    }

    private static void keep(Map<BackupId, Set<String>> reasons, BackupInfo backup, String reason) {
        reasons.computeIfAbsent(backup.id(), id -> new LinkedHashSet<>()).add(reason);
    }

    private static void rejectDuplicateIds(List<BackupInfo> backups) {
        Set<BackupId> seen = new HashSet<>();
        for (BackupInfo backup : backups) {
            if (!seen.add(backup.id())) {
                throw new IllegalArgumentException("cannot plan retention: backup " + backup.id()
                        + " is listed more than once; pass each backup of the catalog exactly once");
            }
        }
    }
}

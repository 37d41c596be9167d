package io.firedrill.core.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.RetentionPlan;
import io.firedrill.api.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link RetentionRules} over random catalogs: a few sources, backups spread over about four
 * months, some of them clustered into a few busy days.
 */
class RetentionRulesPropertiesTest {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DAY = 86_400;
    private static final Set<String> REASONS = Set.of("last", "daily", "weekly", "monthly", "within", "pinned");

    @Property(tries = 400)
    void everyBackupIsEitherKeptOrForgotten(@ForAll("catalogs") List<BackupInfo> backups,
                                            @ForAll("policies") RetentionPolicy policy, @ForAll("nows") Instant now) {
        RetentionPlan plan = RetentionRules.plan(backups, pinnedOf(backups), policy, now);

        Set<BackupId> kept = keptIds(plan);
        Set<BackupId> forgotten = plan.forget().stream().map(BackupInfo::id).collect(Collectors.toSet());
        assertEquals(backups.size(), plan.keep().size() + plan.forget().size());
        assertTrue(Collections.disjoint(kept, forgotten));
        Set<BackupId> all = new HashSet<>(kept);
        all.addAll(forgotten);
        assertEquals(ids(backups), all);
        Set<BackupInfo> returned = new HashSet<>(plan.forget());
        plan.keep().forEach(k -> returned.add(k.backup()));
        assertEquals(new HashSet<>(backups), returned);
    }

    @Property(tries = 400)
    void pinnedBackupsAreAlwaysKept(@ForAll("catalogs") List<BackupInfo> backups,
                                    @ForAll("policies") RetentionPolicy policy, @ForAll("nows") Instant now) {
        Set<BackupId> pinned = pinnedOf(backups);

        RetentionPlan plan = RetentionRules.plan(backups, pinned, policy, now);

        for (RetentionPlan.Kept kept : plan.keep()) {
            assertEquals(pinned.contains(kept.backup().id()), kept.reasons().contains("pinned"));
        }
        assertTrue(keptIds(plan).containsAll(pinned));
    }

    @Property(tries = 400)
    void withKeepLastTheNewestBackupOfEverySourceIsKept(@ForAll("catalogs") List<BackupInfo> backups,
                                                        @ForAll("policies") RetentionPolicy policy,
                                                        @ForAll("nows") Instant now) {
        RetentionPolicy atLeastOne = withCounts(policy, Math.max(1, policy.keepLast()), policy.keepDaily(),
                policy.keepWeekly(), policy.keepMonthly());

        RetentionPlan plan = RetentionRules.plan(backups, Set.of(), atLeastOne, now);

        Set<BackupId> kept = keptIds(plan);
        for (List<BackupInfo> group : bySourceNewestFirst(backups).values()) {
            assertTrue(kept.contains(group.get(0).id()), "newest of " + group.get(0).source() + " forgotten");
        }
    }

    @Property(tries = 400)
    void keepLastKeepsAtLeastThatManyOfEachSource(@ForAll("catalogs") List<BackupInfo> backups,
                                                  @ForAll("policies") RetentionPolicy policy,
                                                  @ForAll("nows") Instant now) {
        RetentionPlan plan = RetentionRules.plan(backups, Set.of(), policy, now);

        Map<String, Long> keptPerSource = plan.keep().stream()
                .collect(Collectors.groupingBy(k -> k.backup().source(), Collectors.counting()));
        for (Map.Entry<String, List<BackupInfo>> group : bySourceNewestFirst(backups).entrySet()) {
            long expected = Math.min(policy.keepLast(), group.getValue().size());
            assertTrue(keptPerSource.getOrDefault(group.getKey(), 0L) >= expected);
            for (BackupInfo newest : group.getValue().subList(0, (int) expected)) {
                assertTrue(reasonsOf(plan).get(newest.id()).contains("last"));
            }
        }
    }

    @Property(tries = 400)
    void everyBackupYoungerThanKeepWithinIsKept(@ForAll("catalogs") List<BackupInfo> backups,
                                               @ForAll("policies") RetentionPolicy policy,
                                               @ForAll("nows") Instant now) {
        RetentionPlan plan = RetentionRules.plan(backups, Set.of(), policy, now);

        Map<BackupId, Set<String>> reasons = reasonsOf(plan);
        for (BackupInfo backup : backups) {
            boolean young = !policy.keepWithin().isZero() && backup.started().isAfter(now.minus(policy.keepWithin()));
            assertEquals(young, reasons.getOrDefault(backup.id(), Set.of()).contains("within"), backup.id().value());
        }
    }

    @Property(tries = 400)
    void raisingAnyRuleKeepsASuperset(@ForAll("catalogs") List<BackupInfo> backups,
                                      @ForAll("policies") RetentionPolicy policy, @ForAll("nows") Instant now,
                                      @ForAll @IntRange(min = 0, max = 4) int rule,
                                      @ForAll @IntRange(min = 1, max = 5) int more) {
        RetentionPolicy raised = switch (rule) {
            case 0 -> withCounts(policy, policy.keepLast() + more, policy.keepDaily(), policy.keepWeekly(),
                    policy.keepMonthly());
            case 1 -> withCounts(policy, policy.keepLast(), policy.keepDaily() + more, policy.keepWeekly(),
                    policy.keepMonthly());
            case 2 -> withCounts(policy, policy.keepLast(), policy.keepDaily(), policy.keepWeekly() + more,
                    policy.keepMonthly());
            case 3 -> withCounts(policy, policy.keepLast(), policy.keepDaily(), policy.keepWeekly(),
                    policy.keepMonthly() + more);
            default -> new RetentionPolicy(policy.keepLast(), policy.keepDaily(), policy.keepWeekly(),
                    policy.keepMonthly(), policy.keepWithin().plus(Duration.ofHours(more * 24L)), policy.zone());
        };
        Set<BackupId> pinned = pinnedOf(backups);

        Set<BackupId> before = keptIds(RetentionRules.plan(backups, pinned, policy, now));
        Set<BackupId> after = keptIds(RetentionRules.plan(backups, pinned, raised, now));

        assertTrue(after.containsAll(before), "raising rule " + rule + " by " + more + " forgot a kept backup");
    }

    @Property(tries = 400)
    void planningAgainOverTheKeptBackupsForgetsNothing(@ForAll("catalogs") List<BackupInfo> backups,
                                                      @ForAll("policies") RetentionPolicy policy,
                                                      @ForAll("nows") Instant now) {
        Set<BackupId> pinned = pinnedOf(backups);
        RetentionPlan first = RetentionRules.plan(backups, pinned, policy, now);
        List<BackupInfo> kept = first.keep().stream().map(RetentionPlan.Kept::backup).collect(Collectors.toList());

        RetentionPlan second = RetentionRules.plan(kept, pinned, policy, now);

        assertEquals(List.of(), second.forget());
        assertEquals(first.keep(), second.keep());
    }

    @Property(tries = 400)
    void aBackupIsKeptOnlyForAKnownReason(@ForAll("catalogs") List<BackupInfo> backups,
                                          @ForAll("policies") RetentionPolicy policy, @ForAll("nows") Instant now) {
        RetentionPlan plan = RetentionRules.plan(backups, pinnedOf(backups), policy, now);

        for (RetentionPlan.Kept kept : plan.keep()) {
            assertFalse(kept.reasons().isEmpty(), kept.backup().id() + " kept without a reason");
            assertTrue(REASONS.containsAll(kept.reasons()), kept.reasons().toString());
        }
    }

    @Property(tries = 400)
    void sourcesAreJudgedIndependently(@ForAll("catalogs") List<BackupInfo> backups,
                                       @ForAll("policies") RetentionPolicy policy, @ForAll("nows") Instant now) {
        Set<BackupId> pinned = pinnedOf(backups);
        RetentionPlan together = RetentionRules.plan(backups, pinned, policy, now);
        for (String source : bySourceNewestFirst(backups).keySet()) {
            List<BackupInfo> alone = backups.stream().filter(b -> b.source().equals(source))
                    .collect(Collectors.toList());

            RetentionPlan separate = RetentionRules.plan(alone, pinned, policy, now);

            assertEquals(separate.keep(), together.keep().stream()
                    .filter(k -> k.backup().source().equals(source)).collect(Collectors.toList()));
            assertEquals(separate.forget(), together.forget().stream()
                    .filter(b -> b.source().equals(source)).collect(Collectors.toList()));
        }
    }

    @Property(tries = 400)
    void thePlanDoesNotDependOnInputOrderAndListsNewestFirst(@ForAll("catalogs") List<BackupInfo> backups,
                                                             @ForAll("policies") RetentionPolicy policy,
                                                             @ForAll("nows") Instant now, @ForAll long seed) {
        List<BackupInfo> shuffled = new ArrayList<>(backups);
        Collections.shuffle(shuffled, new Random(seed));
        Set<BackupId> pinned = pinnedOf(backups);

        RetentionPlan plan = RetentionRules.plan(backups, pinned, policy, now);

        assertEquals(plan, RetentionRules.plan(shuffled, pinned, policy, now));
        Comparator<BackupInfo> newestFirst =
                Comparator.comparing(BackupInfo::started).thenComparing(BackupInfo::id).reversed();
        List<BackupInfo> kept = plan.keep().stream().map(RetentionPlan.Kept::backup).collect(Collectors.toList());
        assertEquals(kept.stream().sorted(newestFirst).collect(Collectors.toList()), kept);
        assertEquals(plan.forget().stream().sorted(newestFirst).collect(Collectors.toList()), plan.forget());
    }

    @Provide
    Arbitrary<List<BackupInfo>> catalogs() {
        Arbitrary<String> sources = Arbitraries.of("db1", "db2", "db3", "/srv/www");
        Arbitrary<Long> spread = Arbitraries.longs().between(0, 120 * DAY);
        Arbitrary<Long> busyDays = Arbitraries.of(30L, 31L, 89L).flatMap(
                day -> Arbitraries.longs().between(day * DAY, day * DAY + DAY - 1));
        Arbitrary<Long> offsets = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, spread), net.jqwik.api.Tuple.of(1, busyDays));
        Arbitrary<Integer> suffixes = Arbitraries.integers();
        return Combinators.combine(sources, offsets, suffixes)
                .as((source, offset, suffix) -> Backups.backup(source, BASE.plusSeconds(offset), suffix))
                .list().ofMaxSize(60).uniqueElements(BackupInfo::id);
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> last = Arbitraries.integers().between(0, 8);
        Arbitrary<Integer> daily = Arbitraries.integers().between(0, 10);
        Arbitrary<Integer> weekly = Arbitraries.integers().between(0, 6);
        Arbitrary<Integer> monthly = Arbitraries.integers().between(0, 4);
        Arbitrary<Duration> within = Arbitraries.oneOf(Arbitraries.just(Duration.ZERO),
                Arbitraries.longs().between(1, 60 * 24).map(Duration::ofHours));
        Arbitrary<ZoneId> zones = Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
                "Pacific/Chatham").map(ZoneId::of);
        return Combinators.combine(last, daily, weekly, monthly, within, zones)
                .filter((l, d, w, m, age, zone) -> l + d + w + m > 0 || !age.isZero())
                .as(RetentionPolicy::new);
    }

    @Provide
    Arbitrary<Instant> nows() {
        return Arbitraries.longs().between(60 * DAY, 130 * DAY).map(BASE::plusSeconds);
    }

    /** About one backup in five, chosen by id so that every property sees the same pins for a catalog. */
    private static Set<BackupId> pinnedOf(List<BackupInfo> backups) {
        return backups.stream().map(BackupInfo::id).filter(id -> Math.floorMod(id.hashCode(), 5) == 0)
                .collect(Collectors.toSet());
    }

    private static RetentionPolicy withCounts(RetentionPolicy policy, int last, int daily, int weekly, int monthly) {
        return new RetentionPolicy(last, daily, weekly, monthly, policy.keepWithin(), policy.zone());
    }

    private static Map<String, List<BackupInfo>> bySourceNewestFirst(List<BackupInfo> backups) {
        Map<String, List<BackupInfo>> groups = new HashMap<>();
        for (BackupInfo backup : backups) {
            groups.computeIfAbsent(backup.source(), s -> new ArrayList<>()).add(backup);
        }
        Comparator<BackupInfo> newestFirst =
                Comparator.comparing(BackupInfo::started).thenComparing(BackupInfo::id).reversed();
        groups.values().forEach(group -> group.sort(newestFirst));
        return groups;
    }

    private static Set<BackupId> ids(List<BackupInfo> backups) {
        return backups.stream().map(BackupInfo::id).collect(Collectors.toSet());
    }

    private static Set<BackupId> keptIds(RetentionPlan plan) {
        return plan.keep().stream().map(k -> k.backup().id()).collect(Collectors.toSet());
    }

    private static Map<BackupId, Set<String>> reasonsOf(RetentionPlan plan) {
        return plan.keep().stream().collect(Collectors.toMap(k -> k.backup().id(), RetentionPlan.Kept::reasons));
    }
}

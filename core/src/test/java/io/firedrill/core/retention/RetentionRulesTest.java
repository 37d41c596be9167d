package io.firedrill.core.retention;

import static io.firedrill.core.retention.Backups.backup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void keepDailyKeepsTheLastBackupOfEachOfTheNewestDays() {
        List<BackupInfo> hourly = new ArrayList<>();
        for (int hour = 0; hour < 14 * 24; hour++) {
            hourly.add(backup("db1", T0.plus(Duration.ofHours(hour)), hour));
        }
        Instant now = T0.plus(Duration.ofDays(14));

        RetentionPlan plan = RetentionRules.plan(hourly, Set.of(), RetentionPolicy.builder().keepDaily(7).build(), now);

        List<Instant> kept = plan.keep().stream().map(k -> k.backup().started()).collect(Collectors.toList());
        List<Instant> expected = new ArrayList<>();
        for (int day = 13; day >= 7; day--) {
            expected.add(T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(23)));
        }
        assertEquals(expected, kept);
        assertTrue(plan.keep().stream().allMatch(k -> k.reasons().equals(Set.of("daily"))));
        assertEquals(14 * 24 - 7, plan.forget().size());
    }

    @Test
    void daysFollowThePolicyZone() {
        // 23:30 UTC on 1 March is already 2 March in Berlin, so in Berlin both backups share one day.
        BackupInfo lateUtc = backup("db1", Instant.parse("2026-03-01T23:30:00Z"), 1);
        BackupInfo nextMorning = backup("db1", Instant.parse("2026-03-02T08:00:00Z"), 2);
        List<BackupInfo> both = List.of(lateUtc, nextMorning);
        Instant now = Instant.parse("2026-03-03T00:00:00Z");

        RetentionPlan utc = RetentionRules.plan(both, Set.of(), RetentionPolicy.builder().keepDaily(2).build(), now);
        RetentionPlan berlin = RetentionRules.plan(both, Set.of(),
                RetentionPolicy.builder().keepDaily(2).zone(ZoneId.of("Europe/Berlin")).build(), now);

        assertEquals(2, utc.keep().size());
        assertEquals(List.of(nextMorning), keptBackups(berlin));
        assertEquals(List.of(lateUtc), berlin.forget());
    }

    @Test
    void weeksAreIsoWeeksAcrossTheYearBoundary() {
        // 2020-12-31 (Thursday) and 2021-01-03 (Sunday) are both in ISO week 53 of 2020; 2021-01-04 starts week 1.
        BackupInfo thursday = backup("db1", Instant.parse("2020-12-31T12:00:00Z"), 1);
        BackupInfo sunday = backup("db1", Instant.parse("2021-01-03T12:00:00Z"), 2);
        BackupInfo monday = backup("db1", Instant.parse("2021-01-04T12:00:00Z"), 3);

        RetentionPlan plan = RetentionRules.plan(List.of(thursday, sunday, monday), Set.of(),
                RetentionPolicy.builder().keepWeekly(5).build(), Instant.parse("2021-02-01T00:00:00Z"));

        assertEquals(List.of(monday, sunday), keptBackups(plan));
        assertEquals(List.of(thursday), plan.forget());
    }

    @Test
    void monthlyKeepsTheNewestOfEachMonth() {
        BackupInfo jan1 = backup("db1", Instant.parse("2026-01-01T00:00:00Z"), 1);
        BackupInfo jan31 = backup("db1", Instant.parse("2026-01-31T00:00:00Z"), 2);
        BackupInfo feb = backup("db1", Instant.parse("2026-02-10T00:00:00Z"), 3);
        BackupInfo mar = backup("db1", Instant.parse("2026-03-10T00:00:00Z"), 4);

        RetentionPlan plan = RetentionRules.plan(List.of(jan1, jan31, feb, mar), Set.of(),
                RetentionPolicy.builder().keepMonthly(2).build(), Instant.parse("2026-04-01T00:00:00Z"));

        assertEquals(List.of(mar, feb), keptBackups(plan));
        assertEquals(List.of(jan31, jan1), plan.forget());
    }

    @Test
    void keepWithinKeepsOnlyBackupsStrictlyYoungerThanTheDuration() {
        Instant now = Instant.parse("2026-03-10T00:00:00Z");
        BackupInfo young = backup("db1", now.minus(Duration.ofDays(3)).plusMillis(1), 1);
        BackupInfo exactlyOld = backup("db1", now.minus(Duration.ofDays(3)), 2);

        RetentionPlan plan = RetentionRules.plan(List.of(young, exactlyOld), Set.of(),
                RetentionPolicy.builder().keepWithin(Duration.ofDays(3)).build(), now);

        assertEquals(List.of(young), keptBackups(plan));
        assertEquals(Set.of("within"), plan.keep().get(0).reasons());
        assertEquals(List.of(exactlyOld), plan.forget());
    }

    @Test
    void pinnedBackupsAreKeptAndCarryEveryReasonThatApplies() {
        BackupInfo oldest = backup("db1", T0, 1);
        BackupInfo middle = backup("db1", T0.plusSeconds(3600), 2);
        BackupInfo newest = backup("db1", T0.plusSeconds(7200), 3);

        RetentionPlan plan = RetentionRules.plan(List.of(oldest, middle, newest), Set.of(oldest.id(), newest.id()),
                RetentionPolicy.builder().keepLast(1).build(), T0.plus(Duration.ofDays(1)));

        Map<BackupId, Set<String>> reasons = plan.keep().stream()
                .collect(Collectors.toMap(k -> k.backup().id(), RetentionPlan.Kept::reasons));
        assertEquals(Map.of(newest.id(), Set.of("last", "pinned"), oldest.id(), Set.of("pinned")), reasons);
        assertEquals(List.of(middle), plan.forget());
    }

    @Test
    void eachSourceKeepsItsOwnHistoryAndOutputIsNewestFirst() {
        List<BackupInfo> backups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backups.add(backup("db1", T0.plusSeconds(i * 100L), i));
            backups.add(backup("db2", T0.plusSeconds(i * 100L + 50), 100 + i));
        }
        Collections.shuffle(backups, new java.util.Random(7));

        RetentionPlan plan = RetentionRules.plan(backups, Set.of(), RetentionPolicy.builder().keepLast(2).build(),
                T0.plus(Duration.ofDays(1)));

        assertEquals(List.of("db2", "db1", "db2", "db1"),
                keptBackups(plan).stream().map(BackupInfo::source).collect(Collectors.toList()));
        assertEquals(List.of(T0.plusSeconds(450), T0.plusSeconds(400), T0.plusSeconds(350), T0.plusSeconds(300)),
                keptBackups(plan).stream().map(BackupInfo::started).collect(Collectors.toList()));
        assertEquals(6, plan.forget().size());
    }

    @Test
    void backupsStartedAtTheSameInstantAreOrderedByIdDescending() {
        BackupInfo low = backup("db1", T0, 1);
        BackupInfo high = backup("db1", T0, 2);

        RetentionPlan plan = RetentionRules.plan(List.of(low, high), Set.of(),
                RetentionPolicy.builder().keepLast(1).build(), T0);

        assertEquals(List.of(high), keptBackups(plan));
        assertEquals(List.of(low), plan.forget());
    }

    @Test
    void anEmptyCatalogGivesAnEmptyPlan() {
        RetentionPlan plan = RetentionRules.plan(List.of(), Set.of(), RetentionPolicy.builder().keepLast(3).build(), T0);

        assertTrue(plan.keep().isEmpty());
        assertTrue(plan.forget().isEmpty());
    }

    @Test
    void aBackupListedTwiceIsRejected() {
        BackupInfo once = backup("db1", T0, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionRules.plan(
                List.of(once, once), Set.of(), RetentionPolicy.builder().keepLast(1).build(), T0));

        assertTrue(e.getMessage().contains(once.id().value()), e.getMessage());
    }

    private static List<BackupInfo> keptBackups(RetentionPlan plan) {
        return plan.keep().stream().map(RetentionPlan.Kept::backup).collect(Collectors.toList());
    }
}

package io.firedrill.api;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which backups to keep; all others are forgotten by {@code prune()}. Rules combine: a backup is kept when
 * any rule keeps it. Rules apply to each source separately (each database or directory keeps its own
 * history). Pinned backups are always kept. A policy must have at least one rule.
 *
 * @param keepLast keep the newest N backups
 * @param keepDaily keep the newest backup of each of the last N days that have backups
 * @param keepWeekly keep the newest backup of each of the last N ISO weeks that have backups
 * @param keepMonthly keep the newest backup of each of the last N months that have backups
 * @param keepWithin keep every backup younger than this; {@link Duration#ZERO} to disable
 * @param zone the time zone that defines days, weeks and months
 */
public record RetentionPolicy(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, Duration keepWithin,
                              ZoneId zone) {

    /** Validates the rules. */
    public RetentionPolicy {
        requireNonNegative("keepLast", keepLast);
        requireNonNegative("keepDaily", keepDaily);
        requireNonNegative("keepWeekly", keepWeekly);
        requireNonNegative("keepMonthly", keepMonthly);
        Objects.requireNonNull(keepWithin, "keepWithin");
        Objects.requireNonNull(zone, "zone");
        if (keepWithin.isNegative()) {
            throw new InvalidConfigurationException("keepWithin must not be negative, was " + keepWithin, null);
        }
        if (keepLast == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0 && keepWithin.isZero()) {
            throw new InvalidConfigurationException("a retention policy without any rule would forget every backup",
                    "set at least one of keepLast, keepDaily, keepWeekly, keepMonthly, keepWithin");
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new InvalidConfigurationException(name + " must be >= 0, was " + value, null);
        }
    }

    /** Starts a policy. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RetentionPolicy}; every rule defaults to off, the zone to UTC. */
    public static final class Builder {
        private int keepLast;
        private int keepDaily;
        private int keepWeekly;
        private int keepMonthly;
        private Duration keepWithin = Duration.ZERO;
        private ZoneId zone = ZoneOffset.UTC;

        private Builder() {
        }

        /** Keep the newest {@code n} backups of each source. */
        public Builder keepLast(int n) {
            this.keepLast = n;
            return this;
        }

        /** Keep the newest backup of each of the last {@code n} days that have backups. */
        public Builder keepDaily(int n) {
            this.keepDaily = n;
            return this;
        }

        /** Keep the newest backup of each of the last {@code n} ISO weeks that have backups. */
        public Builder keepWeekly(int n) {
            this.keepWeekly = n;
            return this;
        }

        /** Keep the newest backup of each of the last {@code n} months that have backups. */
        public Builder keepMonthly(int n) {
            this.keepMonthly = n;
            return this;
        }

        /** Keep every backup younger than {@code age} (for example 30 days of history). */
        public Builder keepWithin(Duration age) {
            this.keepWithin = Objects.requireNonNull(age, "age");
            return this;
        }

        /** The zone that defines calendar days, weeks and months; default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Validates and returns the policy. */
        public RetentionPolicy build() {
            return new RetentionPolicy(keepLast, keepDaily, keepWeekly, keepMonthly, keepWithin, zone);
        }
    }
}

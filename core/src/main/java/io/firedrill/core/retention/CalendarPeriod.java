package io.firedrill.core.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;

/**
 * The calendar buckets of the daily, weekly and monthly rules. A bucket key only grows as time goes on, so
 * walking backups newest first meets the buckets in descending order.
 */
enum CalendarPeriod {
    /** A calendar day. */
    DAY("daily") {
        @Override
        Object bucket(Instant instant, ZoneId zone) {
            return LocalDate.ofInstant(instant, zone);
        }
    },
    /** An ISO week: week-based year and week number, so 2021-01-01 belongs to week 53 of 2020. */
    WEEK("weekly") {
        @Override
        Object bucket(Instant instant, ZoneId zone) {
            LocalDate date = LocalDate.ofInstant(instant, zone);
            return date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }
    },
    /** A calendar month. */
    MONTH("monthly") {
        @Override
        Object bucket(Instant instant, ZoneId zone) {
            return YearMonth.from(LocalDate.ofInstant(instant, zone));
        }
    };

    private final String reason;

    CalendarPeriod(String reason) {
        this.reason = reason;
    }

    /** The reason a backup kept by this rule carries. */
    String reason() {
        return reason;
    }

    /** The bucket an instant falls into; equal keys mean the same day, week or month. */
    abstract Object bucket(Instant instant, ZoneId zone);
}

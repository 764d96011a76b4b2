package io.cxmyd.itinerary.rules;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The tunables of itinerary-rules.md, validated when built.
 *
 * @param windowDays days in the window (7; 14 before July 2022)
 * @param newAccountDays an account younger than this many days is refused (7)
 * @param refreshTime when data day D begins (08:00)
 * @param zone the zone of dates and the refresh time (Asia/Shanghai)
 * @param minStay the continuous stay that lists a city (4 hours)
 * @param bounceTolerance runs shorter than this between two runs of one area are absorbed (30 minutes)
 */
public record RulesOptions(
        int windowDays,
        int newAccountDays,
        LocalTime refreshTime,
        ZoneId zone,
        Duration minStay,
        Duration bounceTolerance) {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public RulesOptions {
        Objects.requireNonNull(refreshTime, "refreshTime");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(minStay, "minStay");
        Objects.requireNonNull(bounceTolerance, "bounceTolerance");
        if (windowDays < 1 || windowDays > 31) {
            throw new IllegalArgumentException("windowDays: between 1 and 31, was " + windowDays);
        }
        if (newAccountDays < 0 || newAccountDays > 366) {
            throw new IllegalArgumentException("newAccountDays: between 0 and 366, was " + newAccountDays);
        }
        if (minStay.isNegative() || minStay.isZero()) {
            throw new IllegalArgumentException("minStay: must be positive, was " + minStay);
        }
        if (bounceTolerance.isNegative()) {
            throw new IllegalArgumentException("bounceTolerance: must not be negative, was " + bounceTolerance);
        }
    }

    /** The published rules: 7 days, 7-day new accounts, 08:00 Beijing time, 4 hours, 30 minutes. */
    public static RulesOptions defaults() {
        return new RulesOptions(7, 7, LocalTime.of(8, 0), BEIJING, Duration.ofHours(4), Duration.ofMinutes(30));
    }

    public RulesOptions withWindowDays(int days) {
        return new RulesOptions(days, newAccountDays, refreshTime, zone, minStay, bounceTolerance);
    }

    public RulesOptions withNewAccountDays(int days) {
        return new RulesOptions(windowDays, days, refreshTime, zone, minStay, bounceTolerance);
    }

    public RulesOptions withRefreshTime(LocalTime time) {
        return new RulesOptions(windowDays, newAccountDays, time, zone, minStay, bounceTolerance);
    }

    public RulesOptions withZone(ZoneId z) {
        return new RulesOptions(windowDays, newAccountDays, refreshTime, z, minStay, bounceTolerance);
    }

    public RulesOptions withBounceTolerance(Duration d) {
        return new RulesOptions(windowDays, newAccountDays, refreshTime, zone, minStay, d);
    }
}

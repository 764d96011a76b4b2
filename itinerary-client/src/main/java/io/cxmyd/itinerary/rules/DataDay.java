package io.cxmyd.itinerary.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * Data day D and its window (itinerary-rules.md §1): a query at {@code t} is answered from
 * D = date(t) when {@code t >= D refreshTime}, else date(t) - 1; D covers {@code [D-N 00:00, D 00:00)}.
 *
 * @param day D
 * @param queryDate date(t) in the rules' zone: the date the account rules count from
 * @param windowStart D-N 00:00, inclusive
 * @param windowEnd D 00:00, exclusive
 * @param updateTime D at the refresh time (shown in the reply)
 * @param nextRefresh D+1 at the refresh time: nothing computed for D can change before then
 * @param firstDay D-N
 * @param lastDay D-1
 */
public record DataDay(
        LocalDate day,
        LocalDate queryDate,
        Instant windowStart,
        Instant windowEnd,
        LocalDateTime updateTime,
        Instant nextRefresh,
        LocalDate firstDay,
        LocalDate lastDay) {

    /** The data day that answers a query at {@code t}. */
    public static DataDay at(Instant t, RulesOptions rules) {
        ZonedDateTime local = t.atZone(rules.zone());
        LocalDate today = local.toLocalDate();
        LocalDate d = local.toLocalTime().isBefore(rules.refreshTime()) ? today.minusDays(1) : today;
        LocalDate first = d.minusDays(rules.windowDays());
        return new DataDay(
                d,
                today,
                first.atStartOfDay(rules.zone()).toInstant(),
                d.atStartOfDay(rules.zone()).toInstant(),
                d.atTime(rules.refreshTime()),
                d.plusDays(1).atTime(rules.refreshTime()).atZone(rules.zone()).toInstant(),
                first,
                d.minusDays(1));
    }
}

package io.cxmyd.itinerary.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** itinerary-rules.md §1: "9月8日计算的是9月1日0点-9月7日24点之间". */
class DataDayTest {

    private static final RulesOptions RULES = RulesOptions.defaults();

    @Test
    void fromTheRefreshTimeTheDataDayIsToday() {
        DataDay day = DataDay.at(Tracks.instant("2026-09-08T08:00+08:00"), RULES);
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 9, 8));
        assertThat(day.windowStart()).isEqualTo(Tracks.instant("2026-09-01T00:00+08:00"));
        assertThat(day.windowEnd()).isEqualTo(Tracks.instant("2026-09-08T00:00+08:00"));
        assertThat(day.firstDay()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(day.lastDay()).isEqualTo(LocalDate.of(2026, 9, 7));
        assertThat(day.updateTime()).isEqualTo(LocalDateTime.of(2026, 9, 8, 8, 0));
        assertThat(day.nextRefresh()).isEqualTo(Tracks.instant("2026-09-09T08:00+08:00"));
    }

    @Test
    void untilTheRefreshTimeTheDataDayIsYesterday() {
        DataDay day = DataDay.at(Tracks.instant("2026-09-08T07:59:59+08:00"), RULES);
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 9, 7));
        assertThat(day.queryDate()).isEqualTo(LocalDate.of(2026, 9, 8));
        assertThat(day.windowEnd()).isEqualTo(Tracks.instant("2026-09-07T00:00+08:00"));
        assertThat(day.updateTime()).isEqualTo(LocalDateTime.of(2026, 9, 7, 8, 0));
    }

    @Test
    void theDateIsBeijingsWhateverTheOffsetOfTheInstant() {
        // 2026-09-08 00:30 UTC is 08:30 in Beijing: data day 09-08.
        DataDay day = DataDay.at(Tracks.instant("2026-09-08T00:30Z"), RULES);
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 9, 8));
    }

    @Test
    void aFourteenDayWindowAndALaterRefreshAreHonoured() {
        DataDay day = DataDay.at(Tracks.instant("2026-09-08T09:59+08:00"),
                RULES.withWindowDays(14).withRefreshTime(LocalTime.of(10, 0)));
        assertThat(day.day()).isEqualTo(LocalDate.of(2026, 9, 7));
        assertThat(day.firstDay()).isEqualTo(LocalDate.of(2026, 8, 24));
        assertThat(day.windowStart()).isEqualTo(Tracks.instant("2026-08-24T00:00+08:00"));
    }
}

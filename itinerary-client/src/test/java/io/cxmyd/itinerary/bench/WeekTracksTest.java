package io.cxmyd.itinerary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.rules.Trip;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The benchmark's fixture is the week it claims to be, so the benchmark measures the real path. */
class WeekTracksTest {

    @Test
    void aBenchmarkWeekListsItsCitiesAndItsDayTripAbroad() {
        RulesOptions rules = RulesOptions.defaults();
        EventTrack week = WeekTracks.week(LocalDate.of(2026, 11, 22), 7, 50);
        Trip trip = new StayCalculator(rules, AreaCatalog.standard())
                .compute(week, DataDay.at(Instant.parse("2026-11-22T01:00:00Z"), rules));

        assertThat(week.size()).isEqualTo(50);
        assertThat(trip.places()).extracting(Area::name).containsExactly("广东省广州市", "北京市");
        assertThat(trip.countries()).extracting(Area::name).containsExactly("中国香港");
    }
}

package io.cxmyd.itinerary.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * itinerary-rules.md §2-§4 rule by rule. Unless a test says otherwise the query is at 2026-11-22 09:00
 * Beijing time: data day D = 11-22, window [11-15 00:00, 11-22 00:00).
 */
class StayCalculatorTest {

    private static final String QUERY = "2026-11-22T09:00+08:00";
    private static final RulesOptions RULES = RulesOptions.defaults();

    private static Trip trip(String... lines) {
        return trip(RULES, QUERY, lines);
    }

    private static Trip trip(RulesOptions rules, String query, String... lines) {
        StayCalculator calculator = new StayCalculator(rules, AreaCatalog.standard());
        return calculator.compute(Tracks.of(lines), DataDay.at(Tracks.instant(query), rules));
    }

    private static List<String> names(List<Area> areas) {
        return areas.stream().map(Area::name).toList();
    }

    @Nested
    class FourHourRule {

        @Test
        void stayOfExactlyFourHoursListsTheCity() {
            Trip trip = trip("2026-11-17T08:00+08:00 440106", "2026-11-17T12:00+08:00 440106");
            assertThat(names(trip.places())).containsExactly("广东省广州市");
        }

        @Test
        void stayOfThreeHoursFiftyNineMinutesDoesNot() {
            Trip trip = trip("2026-11-17T08:00+08:00 440106", "2026-11-17T11:59+08:00 440106");
            assertThat(trip.places()).isEmpty();
            assertThat(trip.anyEventInWindow()).isTrue();
        }

        @Test
        void oneSecondShortOfFourHoursDoesNot() {
            Trip trip = trip("2026-11-17T08:00:01+08:00 440106", "2026-11-17T12:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
        }

        @Test
        void aSingleEventIsAStayOfZero() {
            Trip trip = trip("2026-11-17T08:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
            assertThat(trip.anyEventInWindow()).isTrue();
        }

        @Test
        void separateRunsInOneCityAreNeverAddedUp() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T11:00+08:00 440106", // 3 h in 广州
                    "2026-11-17T12:00+08:00 440305",
                    "2026-11-17T17:00+08:00 440305", // 5 h in 深圳
                    "2026-11-17T18:00+08:00 440106",
                    "2026-11-17T21:00+08:00 440106"); // 3 h in 广州 again: 6 h in all, never added
            assertThat(names(trip.places())).containsExactly("广东省深圳市");
        }

        @Test
        void eventsBetweenFirstAndLastDoNotMatterOnlyTheSpan() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T08:05+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(names(trip.places())).containsExactly("广东省广州市");
        }

        @Test
        void timeTravellingAfterTheLastEventIsNotCounted() {
            // Last event in 广州 at 11:00, next one in 深圳 at 13:00: 广州's stay is 3 h, not 5 h.
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T11:00+08:00 440106",
                    "2026-11-17T13:00+08:00 440305");
            assertThat(trip.places()).isEmpty();
        }
    }

    @Nested
    class Areas {

        @Test
        void twoDistrictsOfOneMunicipalityFormOneStay() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 110105", // 朝阳区
                    "2026-11-17T11:00+08:00 110105",
                    "2026-11-17T11:30+08:00 110108", // 海淀区
                    "2026-11-17T14:00+08:00 110108");
            assertThat(names(trip.places())).containsExactly("北京市");
        }

        @Test
        void aMunicipalityIsShownAloneWhateverTheDistrict() {
            Trip trip = trip("2026-11-18T09:00+08:00 310115", "2026-11-18T18:00+08:00 310115");
            assertThat(trip.places()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("上海市");
                assertThat(a.code()).isEqualTo("310000");
            });
        }

        @Test
        void aCountyLevelCityUnderItsProvinceIsItsOwnAreaNotPartOfANeighbour() {
            // 3 h in 仙桃 then 3 h in 武汉: two areas, neither qualifies.
            Trip split = trip(
                    "2026-11-18T08:00+08:00 429004",
                    "2026-11-18T11:00+08:00 429004",
                    "2026-11-18T11:30+08:00 420102",
                    "2026-11-18T14:30+08:00 420102");
            assertThat(split.places()).isEmpty();

            Trip stay = trip("2026-11-18T08:00+08:00 429004", "2026-11-18T12:00+08:00 429004");
            assertThat(names(stay.places())).containsExactly("湖北省仙桃市");
        }
    }

    @Nested
    class Window {

        @Test
        void anEventAtExactlyWindowEndAddsNothing() {
            Trip trip = trip("2026-11-22T00:00+08:00 JP", "2026-11-22T08:00+08:00 440106");
            assertThat(trip).isEqualTo(Trip.EMPTY);
            assertThat(trip.anyEventInWindow()).isFalse();
        }

        @Test
        void anEventAtExactlyWindowStartCounts() {
            Trip trip = trip("2026-11-15T00:00+08:00 JP");
            assertThat(names(trip.countries())).containsExactly("日本");
            assertThat(trip.anyEventInWindow()).isTrue();
        }

        @Test
        void anEventOneSecondBeforeWindowStartIsOutside() {
            Trip trip = trip("2026-11-14T23:59:59+08:00 JP");
            assertThat(trip).isEqualTo(Trip.EMPTY);
        }

        @Test
        void aRunCrossingWindowStartCountsOnlyItsPartInside() {
            // 10 h in all, 3 h 59 min of it inside the window.
            Trip inside359 = trip("2026-11-14T14:00+08:00 440106", "2026-11-15T03:59+08:00 440106");
            assertThat(inside359.places()).isEmpty();
            assertThat(inside359.anyEventInWindow()).isTrue();

            Trip inside4h = trip("2026-11-14T14:00+08:00 440106", "2026-11-15T04:00+08:00 440106");
            assertThat(names(inside4h.places())).containsExactly("广东省广州市");
        }

        @Test
        void aRunCrossingWindowEndIsClippedAtWindowEnd() {
            // Began 11-21 20:00, last seen 11-22 10:00: counts 20:00-24:00 = exactly 4 h.
            Trip clipped4h = trip("2026-11-21T20:00+08:00 440106", "2026-11-22T10:00+08:00 440106");
            assertThat(names(clipped4h.places())).containsExactly("广东省广州市");

            Trip clipped359 = trip("2026-11-21T20:01+08:00 440106", "2026-11-22T10:00+08:00 440106");
            assertThat(clipped359.places()).isEmpty();
        }

        @Test
        void aRunEntirelyAfterWindowEndAddsNoPlace() {
            Trip trip = trip(
                    "2026-11-20T10:00+08:00 440305",
                    "2026-11-22T01:00+08:00 440106",
                    "2026-11-22T08:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
            assertThat(trip.anyEventInWindow()).isTrue();
        }

        @Test
        void aRunEntirelyBeforeWindowStartAddsNoPlace() {
            Trip trip = trip(
                    "2026-11-13T08:00+08:00 440106",
                    "2026-11-13T20:00+08:00 440106",
                    "2026-11-16T10:00+08:00 440305");
            assertThat(trip.places()).isEmpty();
            assertThat(trip.anyEventInWindow()).isTrue();
        }

        @Test
        void aRunSpanningTheWholeWindowWithNoEventInsideIsNoData() {
            Trip trip = trip("2026-11-14T20:00+08:00 440106", "2026-11-22T08:00+08:00 440106");
            assertThat(trip).isEqualTo(Trip.EMPTY);
        }

        @Test
        void aFourteenDayWindowReachesTenDaysBack() {
            String[] lines = {"2026-11-12T08:00+08:00 440106", "2026-11-12T13:00+08:00 440106"};
            assertThat(trip(lines).anyEventInWindow()).isFalse();
            Trip fourteen = trip(RULES.withWindowDays(14), QUERY, lines);
            assertThat(names(fourteen.places())).containsExactly("广东省广州市");
        }

        @Test
        void beforeTheRefreshTheWindowEndsADayEarlier() {
            // A stay on 11-21 is in data day 11-22 (from 08:00) but not in data day 11-21 (until 07:59).
            String[] lines = {"2026-11-21T09:00+08:00 440106", "2026-11-21T14:00+08:00 440106"};
            assertThat(trip(RULES, "2026-11-22T07:59+08:00", lines)).isEqualTo(Trip.EMPTY);
            assertThat(names(trip(RULES, "2026-11-22T08:00+08:00", lines).places()))
                    .containsExactly("广东省广州市");
        }

        @Test
        void anEmptyTrackIsEmpty() {
            assertThat(trip()).isEqualTo(Trip.EMPTY);
        }
    }

    @Nested
    class Bounce {

        // 广州 08:00-10:00 and 10:30-12:00, with a 深圳 blip in between: 4 h only if the blip is absorbed.
        @Test
        void aBlipOfTwentyNineMinutesIsAbsorbed() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:01+08:00 440305",
                    "2026-11-17T10:30+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(names(trip.places())).containsExactly("广东省广州市");
        }

        @Test
        void aBlipOfThirtyMinutesIsNot() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440305",
                    "2026-11-17T10:30+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
        }

        @Test
        void theBlipIsMeasuredToTheFirstEventOfTheNextRunNotToItsOwnLastEvent() {
            // 深圳 spans 10 min of its own, but 35 min until 广州 is seen again.
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440305",
                    "2026-11-17T10:10+08:00 440305",
                    "2026-11-17T10:35+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
        }

        @Test
        void aBlipBetweenTwoDifferentAreasIsNotAbsorbed() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:01+08:00 440305",
                    "2026-11-17T10:10+08:00 441900", // 东莞: the blip's neighbours differ
                    "2026-11-17T12:00+08:00 441900");
            assertThat(trip.places()).isEmpty();
        }

        @Test
        void absorptionCascadesFromTheMergedRun() {
            // 广州 | 深圳 blip | 广州 | 深圳 blip | 广州: the first blip is absorbed, the scan continues from
            // the merged 广州 run and absorbs the second blip too: one 4-hour 广州 run.
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:05+08:00 440305",
                    "2026-11-17T10:10+08:00 440106",
                    "2026-11-17T10:15+08:00 440305",
                    "2026-11-17T10:20+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(names(trip.places())).containsExactly("广东省广州市");
        }

        @Test
        void aMergedRunThatIsStillShortIsAbsorbedInTurn() {
            // 北京 | 深圳 | 广州 | 深圳 | 北京, all middle runs within minutes: 深圳-广州-深圳 first becomes one
            // 深圳 run, which (10 min to the next 北京 event) is then absorbed into 北京: 4 h in 北京.
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 110105",
                    "2026-11-17T10:00+08:00 110105",
                    "2026-11-17T10:02+08:00 440305",
                    "2026-11-17T10:04+08:00 440106",
                    "2026-11-17T10:06+08:00 440305",
                    "2026-11-17T10:12+08:00 110108",
                    "2026-11-17T12:00+08:00 110108");
            assertThat(names(trip.places())).containsExactly("北京市");
        }

        @Test
        void theFirstAndLastRunsAreNeverAbsorbed() {
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440305",
                    "2026-11-17T08:10+08:00 440106",
                    "2026-11-17T12:10+08:00 440106",
                    "2026-11-17T12:15+08:00 440305");
            assertThat(names(trip.places())).containsExactly("广东省广州市");
        }

        @Test
        void aForeignBlipIsAbsorbedButItsCountryIsStillListed() {
            // Cross-border coverage at 深圳湾: a 中国香港 cell for 20 minutes.
            Trip trip = trip(
                    "2026-11-17T08:00+08:00 440305",
                    "2026-11-17T10:00+08:00 440305",
                    "2026-11-17T10:00+08:00 HK",
                    "2026-11-17T10:20+08:00 440305",
                    "2026-11-17T12:00+08:00 440305");
            assertThat(names(trip.places())).containsExactly("广东省深圳市");
            assertThat(names(trip.countries())).containsExactly("中国香港");
        }

        @Test
        void aZeroToleranceAbsorbsNothing() {
            RulesOptions noBounce = RULES.withBounceTolerance(Duration.ZERO);
            Trip trip = trip(noBounce, QUERY,
                    "2026-11-17T08:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T10:00+08:00 440305",
                    "2026-11-17T10:00+08:00 440106",
                    "2026-11-17T12:00+08:00 440106");
            assertThat(trip.places()).isEmpty();
        }
    }

    @Nested
    class Countries {

        @Test
        void oneEventAbroadListsTheCountryWithoutTheFourHourRule() {
            Trip trip = trip("2026-11-19T15:00+08:00 JP");
            assertThat(trip.countries()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("日本");
                assertThat(a.foreign()).isTrue();
            });
            assertThat(trip.places()).isEmpty();
        }

        @Test
        void aLongStayAbroadIsACountryNeverAPlace() {
            Trip trip = trip("2026-11-19T08:00+08:00 JP", "2026-11-20T08:00+08:00 JP");
            assertThat(trip.places()).isEmpty();
            assertThat(names(trip.countries())).containsExactly("日本");
        }

        @Test
        void countriesComeInTheOrderOfTheirFirstEventInTheWindow() {
            Trip trip = trip(
                    "2026-11-14T10:00+08:00 KR", // before the window: neither listed nor ordering
                    "2026-11-16T10:00+08:00 JP",
                    "2026-11-17T10:00+08:00 KR",
                    "2026-11-18T10:00+08:00 JP",
                    "2026-11-19T10:00+08:00 MO");
            assertThat(names(trip.countries())).containsExactly("日本", "韩国", "中国澳门");
        }
    }

    @Nested
    class Order {

        @Test
        void placesComeInTheOrderOfTheirFirstQualifyingStayNotTheirFirstEvent() {
            Trip trip = trip(
                    "2026-11-16T08:00+08:00 440106", // 广州 1 h: does not qualify
                    "2026-11-16T09:00+08:00 440106",
                    "2026-11-16T11:00+08:00 330106", // 杭州 5 h
                    "2026-11-16T16:00+08:00 330106",
                    "2026-11-17T08:00+08:00 440106", // 广州 6 h
                    "2026-11-17T14:00+08:00 440106",
                    "2026-11-18T08:00+08:00 330106", // 杭州 again: listed once
                    "2026-11-18T14:00+08:00 330106");
            assertThat(names(trip.places())).containsExactly("浙江省杭州市", "广东省广州市");
        }

        @Test
        void aStayCrossingWindowStartStartsAtWindowStart() {
            Trip trip = trip(
                    "2026-11-14T20:00+08:00 510104", // 成都 from before the window to 11-15 06:00
                    "2026-11-15T06:00+08:00 510104",
                    "2026-11-15T09:00+08:00 320102", // 南京 5 h
                    "2026-11-15T14:00+08:00 320102",
                    "2026-11-16T10:00+08:00 JP");
            assertThat(names(trip.places())).containsExactly("四川省成都市", "江苏省南京市");
            assertThat(names(trip.countries())).containsExactly("日本");
        }
    }

    @Test
    void anAreaIdOutsideTheCatalogIsRefusedLoudly() {
        StayCalculator calculator = new StayCalculator(RULES, AreaCatalog.standard());
        EventTrack bad = EventTrack.of(new long[] {Tracks.instant("2026-11-17T08:00+08:00").getEpochSecond()},
                new int[] {AreaCatalog.standard().size()});
        DataDay day = DataDay.at(Tracks.instant(QUERY), RULES);
        assertThatThrownBy(() -> calculator.compute(bad, day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the catalog");
    }
}

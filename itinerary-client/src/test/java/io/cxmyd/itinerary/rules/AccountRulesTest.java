package io.cxmyd.itinerary.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** itinerary-rules.md §5-§6. The query is at 2026-11-22 09:00 Beijing time unless a test says otherwise. */
class AccountRulesTest {

    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final AccountRules ACCOUNTS = new AccountRules(RULES);
    private static final LocalDate QUERY_DATE = LocalDate.of(2026, 11, 22);
    private static final DataDay DAY = DataDay.at(Tracks.instant("2026-11-22T09:00+08:00"), RULES);
    private static final Msisdn NUMBER = Msisdn.parse("13800138000");
    private static final Msisdn VIRTUAL = Msisdn.parse("17012345678");

    private static final Area GUANGZHOU = area("440106");
    private static final Area BEIJING = area("110105");
    private static final Area JAPAN = area("JP");
    private static final Trip TRIP = new Trip(List.of(GUANGZHOU, BEIJING), List.of(JAPAN), true);
    private static final Trip PASS_THROUGH = new Trip(List.of(), List.of(JAPAN), true);

    private static Area area(String code) {
        return AreaCatalog.standard().resolve(code).orElseThrow();
    }

    private static SubscriberProfile activatedDaysAgo(int days) {
        return new SubscriberProfile("china-mobile", QUERY_DATE.minusDays(days), null);
    }

    private static SubscriberProfile portedDaysAgo(int days) {
        return new SubscriberProfile("china-mobile", QUERY_DATE.minusYears(3), QUERY_DATE.minusDays(days));
    }

    private static final SubscriberProfile OLD = activatedDaysAgo(400);

    private static LookupResult decide(SubscriberProfile profile, Trip trip) {
        return ACCOUNTS.decide(NUMBER, profile, trip, DAY, Set.of());
    }

    private static Itinerary found(LookupResult result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return ((LookupResult.Found) result).itinerary();
    }

    @Test
    void anUnknownNumberGetsTheNoDataReply() {
        LookupResult result = decide(null, TRIP);
        assertThat(result).isEqualTo(new LookupResult.NoData(
                NUMBER, LocalDate.of(2026, 11, 22), LocalDateTime.of(2026, 11, 22, 8, 0), Set.of()));
    }

    @Test
    void anUnknownVirtualOperatorNumberGetsNoDataWithTheVirtualOperatorNote() {
        LookupResult result = ACCOUNTS.decide(VIRTUAL, null, TRIP, DAY, Set.of());
        assertThat(result).isInstanceOf(LookupResult.NoData.class);
        assertThat(((LookupResult.NoData) result).notes()).containsExactly(Note.VIRTUAL_OPERATOR);
    }

    @Test
    void sevenDayOldAccountIsServed() {
        assertThat(decide(activatedDaysAgo(7), TRIP)).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void sixDayOldAccountIsRefusedWithItsActivationDate() {
        assertThat(decide(activatedDaysAgo(6), TRIP))
                .isEqualTo(new LookupResult.NewAccount(NUMBER, LocalDate.of(2026, 11, 16), 7));
    }

    @Test
    void accountAgeCountsFromTheQueryDateNotTheDataDay() {
        // At 07:59 the data day is still 11-21, but the account activated on 11-15 is 7 days old on 11-22.
        DataDay early = DataDay.at(Tracks.instant("2026-11-22T07:59+08:00"), RULES);
        assertThat(early.day()).isEqualTo(LocalDate.of(2026, 11, 21));
        LookupResult result = ACCOUNTS.decide(NUMBER, activatedDaysAgo(7), TRIP, early, Set.of());
        assertThat(result).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void anActivationDateInTheFutureIsRefusedAsANewAccount() {
        assertThat(decide(activatedDaysAgo(-3), TRIP)).isInstanceOf(LookupResult.NewAccount.class);
    }

    @Test
    void aConfiguredZeroDayRuleServesEvenTodaysAccounts() {
        AccountRules none = new AccountRules(RULES.withNewAccountDays(0));
        assertThat(none.decide(NUMBER, activatedDaysAgo(0), TRIP, DAY, Set.of()))
                .isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void theNewAccountRefusalComesBeforeNoData() {
        assertThat(decide(activatedDaysAgo(2), Trip.EMPTY)).isInstanceOf(LookupResult.NewAccount.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aPortInZeroToTwoDaysAgoCarriesTheLagNote(int days) {
        assertThat(found(decide(portedDaysAgo(days), TRIP)).notes()).containsExactly(Note.PORTED_RECENTLY);
    }

    @Test
    void aPortInThreeDaysAgoCarriesNoNote() {
        assertThat(found(decide(portedDaysAgo(3), TRIP)).notes()).isEmpty();
    }

    @Test
    void aPortInDateInTheFutureCarriesTheLagNote() {
        assertThat(found(decide(portedDaysAgo(-1), TRIP)).notes()).containsExactly(Note.PORTED_RECENTLY);
    }

    @Test
    void aNeverPortedNumberCarriesNoNote() {
        assertThat(found(decide(OLD, TRIP)).notes()).isEmpty();
    }

    @Test
    void aVirtualOperatorNumberIsServedWithTheNote() {
        Itinerary itinerary = found(ACCOUNTS.decide(VIRTUAL, OLD, TRIP, DAY, Set.of()));
        assertThat(itinerary.notes()).containsExactly(Note.VIRTUAL_OPERATOR);
        assertThat(itinerary.places()).hasSize(2);
    }

    @Test
    void noEventInTheWindowIsNoDataCarryingTheNotes() {
        LookupResult result = ACCOUNTS.decide(VIRTUAL, portedDaysAgo(1), Trip.EMPTY, DAY, Set.of());
        assertThat(result).isInstanceOf(LookupResult.NoData.class);
        assertThat(((LookupResult.NoData) result).notes())
                .containsExactlyInAnyOrder(Note.VIRTUAL_OPERATOR, Note.PORTED_RECENTLY);
    }

    @Test
    void eventsWithNoQualifyingCityAreAnItineraryThatSaysSoNotNoData() {
        Itinerary itinerary = found(decide(OLD, PASS_THROUGH));
        assertThat(itinerary.nothingQualified()).isTrue();
        assertThat(itinerary.countries()).containsExactly(new Place("JP", "日本", false));
    }

    @Test
    void anItineraryKeepsTheOrderNamesAndDatesOfTheTrip() {
        Itinerary itinerary = found(decide(OLD, TRIP));
        assertThat(itinerary.msisdn()).isEqualTo(NUMBER);
        assertThat(itinerary.places()).containsExactly(
                new Place("440100", "广东省广州市", false), new Place("110000", "北京市", false));
        assertThat(itinerary.countries()).containsExactly(new Place("JP", "日本", false));
        assertThat(itinerary.nothingQualified()).isFalse();
        assertThat(itinerary.dataDay()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(itinerary.updateTime()).isEqualTo(LocalDateTime.of(2026, 11, 22, 8, 0));
        assertThat(itinerary.firstDay()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(itinerary.lastDay()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void aCityOnTheRiskListIsMarkedAndTheReplyCarriesTheRiskNote() {
        Itinerary itinerary = found(ACCOUNTS.decide(NUMBER, OLD, TRIP, DAY, Set.of(BEIJING.id())));
        assertThat(itinerary.places()).containsExactly(
                new Place("440100", "广东省广州市", false), new Place("110000", "北京市", true));
        assertThat(itinerary.notes()).containsExactly(Note.RISK_MARKED);
    }

    @Test
    void aRiskListThatMarksNoListedCityAddsNoNote() {
        Area shanghai = area("310115");
        Itinerary itinerary = found(ACCOUNTS.decide(NUMBER, OLD, TRIP, DAY, Set.of(shanghai.id(), JAPAN.id())));
        assertThat(itinerary.places()).noneMatch(Place::risk);
        assertThat(itinerary.countries()).noneMatch(Place::risk);
        assertThat(itinerary.notes()).isEmpty();
    }
}

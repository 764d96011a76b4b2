package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Place;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryOutcomeTest {

    private static final Msisdn MSISDN = Msisdn.parse("13800138000");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private static Itinerary itinerary(List<Place> places) {
        return new Itinerary(MSISDN, DAY, DAY.atTime(8, 0), DAY.minusDays(7), DAY.minusDays(1), places,
                List.of(), Set.of());
    }

    @Test
    void anItineraryWithACityIsServed() {
        LookupResult found = new LookupResult.Found(itinerary(List.of(new Place("440100", "广东省广州市", false))));

        assertThat(QueryOutcome.of(found)).isEqualTo(QueryOutcome.SERVED);
    }

    @Test
    void anItineraryWithNoQualifyingCityIsNothingQualified() {
        assertThat(QueryOutcome.of(new LookupResult.Found(itinerary(List.of()))))
                .isEqualTo(QueryOutcome.NOTHING_QUALIFIED);
    }

    @Test
    void otherResultsMapOneToOne() {
        assertThat(QueryOutcome.of(new LookupResult.NewAccount(MSISDN, DAY.minusDays(2), 7)))
                .isEqualTo(QueryOutcome.NEW_ACCOUNT);
        assertThat(QueryOutcome.of(new LookupResult.NoData(MSISDN, DAY, LocalDateTime.of(2026, 11, 21, 8, 0),
                Set.of()))).isEqualTo(QueryOutcome.NO_DATA);
        assertThat(QueryOutcome.of(new LookupResult.Unavailable(MSISDN, LookupResult.Reason.TIMEOUT)))
                .isEqualTo(QueryOutcome.UNAVAILABLE);
    }

    @Test
    void labelsAreTheContractsWords() {
        assertThat(QueryOutcome.values()).extracting(QueryOutcome::label).containsExactly(
                "served", "new_account", "no_data", "nothing_qualified", "throttled", "unknown_keyword",
                "unavailable", "rejected", "consent_asked", "consent_refused");
        assertThat(ReplyResult.values()).extracting(ReplyResult::label)
                .containsExactly("delivered", "retried", "expired", "rejected");
    }
}

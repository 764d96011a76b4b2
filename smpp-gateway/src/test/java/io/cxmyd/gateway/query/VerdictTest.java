package io.cxmyd.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Place;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one mapping from what the subscriber hears to how the query counts. */
class VerdictTest {

    private static final Msisdn MSISDN = Msisdn.parse("13800138000");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private static Itinerary itinerary(List<Place> places) {
        return new Itinerary(MSISDN, DAY, DAY.atTime(8, 0), DAY.minusDays(7), DAY.minusDays(1), places,
                List.of(), Set.of());
    }

    @Test
    void anItineraryWithACityIsServed() {
        Verdict v = new Verdict.Looked(new LookupResult.Found(itinerary(List.of(new Place("440100", "广东省广州市", false)))));

        assertThat(v.kind()).isEqualTo(ReplyKind.FOUND);
        assertThat(v.outcome()).isEqualTo(QueryOutcome.SERVED);
    }

    @Test
    void anItineraryWithNoQualifyingCityIsNothingQualified() {
        Verdict v = new Verdict.Looked(new LookupResult.Found(itinerary(List.of())));

        assertThat(v.kind()).isEqualTo(ReplyKind.NOTHING_QUALIFIED);
        assertThat(v.outcome()).isEqualTo(QueryOutcome.NOTHING_QUALIFIED);
    }

    @Test
    void otherLookupResultsMapOneToOne() {
        assertThat(new Verdict.Looked(new LookupResult.NewAccount(MSISDN, DAY.minusDays(2), 7)).outcome())
                .isEqualTo(QueryOutcome.NEW_ACCOUNT);
        assertThat(new Verdict.Looked(new LookupResult.NoData(MSISDN, DAY, LocalDateTime.of(2026, 11, 21, 8, 0),
                Set.of())).outcome()).isEqualTo(QueryOutcome.NO_DATA);
        assertThat(new Verdict.Looked(new LookupResult.Unavailable(MSISDN, LookupResult.Reason.TIMEOUT)).outcome())
                .isEqualTo(QueryOutcome.UNAVAILABLE);
    }

    @Test
    void consentVerdictsCountAsAskedOrRefused() {
        assertThat(new Verdict.Prompt(Verification.CONFIRM, Duration.ofMinutes(10)).outcome())
                .isEqualTo(QueryOutcome.CONSENT_ASKED);
        assertThat(new Verdict.WrongCode(2, Duration.ofMinutes(10)).outcome()).isEqualTo(QueryOutcome.CONSENT_ASKED);
        for (ReplyKind k : List.of(ReplyKind.CONSENT_LOCKED, ReplyKind.CONSENT_CANCELLED,
                ReplyKind.CONSENT_UNVERIFIABLE)) {
            assertThat(new Verdict.ConsentEnded(k).outcome()).isEqualTo(QueryOutcome.CONSENT_REFUSED);
        }
    }

    @Test
    void aConsentEndIsOnlyOneOfTheThreeEnds() {
        assertThatThrownBy(() -> new Verdict.ConsentEnded(ReplyKind.FOUND))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void silenceSendsNothingAndKeepsItsOutcome() {
        Verdict v = new Verdict.Silent(QueryOutcome.THROTTLED);

        assertThat(v.kind()).isNull();
        assertThat(v.outcome()).isEqualTo(QueryOutcome.THROTTLED);
    }

    @Test
    void everyReplyKindCountsAsAnOutcomeOtherThanRejected() {
        EnumSet<QueryOutcome> seen = EnumSet.noneOf(QueryOutcome.class);
        for (ReplyKind k : ReplyKind.values()) {
            seen.add(Verdict.outcomeOf(k));
        }
        assertThat(seen).doesNotContain(QueryOutcome.REJECTED)
                .containsAll(EnumSet.complementOf(EnumSet.of(QueryOutcome.REJECTED)));
    }
}

package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItineraryJsonTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Msisdn N = Msisdn.parse("13800138000");

    private static Itinerary itinerary(List<Place> places, Set<Note> notes) {
        return new Itinerary(N, LocalDate.of(2026, 11, 21), LocalDateTime.of(2026, 11, 21, 8, 0),
                LocalDate.of(2026, 11, 14), LocalDate.of(2026, 11, 20), places,
                List.of(new Place("JP", "日本", false)), notes);
    }

    @Test
    void foundCardHasEveryContractFieldInOrder() {
        String json = ItineraryJson.of(new LookupResult.Found(itinerary(List.of(
                new Place("440100", "广东省广州市", true), new Place("110000", "北京市", false)),
                Set.of(Note.VIRTUAL_OPERATOR, Note.PORTED_RECENTLY, Note.RISK_MARKED))), BEIJING).toString();

        assertThat(json).isEqualTo("{\"msisdn\":\"138****8000\",\"outcome\":\"found\","
                + "\"updateTime\":\"2026-11-21T08:00+08:00\",\"from\":\"2026-11-14\",\"to\":\"2026-11-20\","
                + "\"places\":[{\"code\":\"440100\",\"name\":\"广东省广州市\",\"risk\":true},"
                + "{\"code\":\"110000\",\"name\":\"北京市\",\"risk\":false}],"
                + "\"countries\":[{\"code\":\"JP\",\"name\":\"日本\"}],\"notes\":[\"ported\",\"virtual_operator\"]}");
    }

    @Test
    void noQualifyingCityIsNothingQualifiedNotNoData() {
        assertThat(ItineraryJson.of(new LookupResult.Found(itinerary(List.of(), Set.of())), BEIJING)
                .get("outcome").asText()).isEqualTo("nothing_qualified");
    }

    @Test
    void outcomesWithoutAnItineraryKeepTheKeysEmpty() {
        var noData = ItineraryJson.of(new LookupResult.NoData(N, LocalDate.of(2026, 11, 21),
                LocalDateTime.of(2026, 11, 21, 8, 0), Set.of()), BEIJING);
        var newAccount = ItineraryJson.of(new LookupResult.NewAccount(N, LocalDate.of(2026, 11, 18), 7), BEIJING);
        var down = ItineraryJson.of(new LookupResult.Unavailable(N, LookupResult.Reason.TIMEOUT), BEIJING);

        assertThat(noData.get("outcome").asText()).isEqualTo("no_data");
        assertThat(noData.get("updateTime").asText()).isEqualTo("2026-11-21T08:00+08:00");
        assertThat(newAccount.get("outcome").asText()).isEqualTo("new_account");
        assertThat(down.get("outcome").asText()).isEqualTo("unavailable");
        for (var card : List.of(newAccount, down)) {
            assertThat(card.get("from").isNull()).isTrue();
            assertThat(card.get("places")).isEmpty();
            assertThat(card.get("countries")).isEmpty();
            assertThat(card.get("notes")).isEmpty();
        }
    }
}

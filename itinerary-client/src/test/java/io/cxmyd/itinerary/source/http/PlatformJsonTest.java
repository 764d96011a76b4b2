package io.cxmyd.itinerary.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PlatformJsonTest {

    private static final AreaCatalog CATALOG = AreaCatalog.standard();
    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static PlatformJson.Decoded decode(String json) {
        return PlatformJson.decode(utf8(json), CATALOG);
    }

    private static SourceException badResponse(String json) {
        SourceException e = catchThrowableOfType(SourceException.class, () -> decode(json));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
        return e;
    }

    private static String withSubscriber(String subscriber) {
        return "{\"subscriber\":" + subscriber + ",\"events\":[]}";
    }

    @Test
    void requestAsksTheWindowWithADayOfMarginEachSideInTheRulesOffset() throws Exception {
        JsonNode body = new ObjectMapper().readTree(PlatformJson.requestBody(Msisdn.parse("+8613800138000"), DAY));

        assertThat(body.path("msisdn").asText()).isEqualTo("13800138000");
        assertThat(body.path("from").asText()).isEqualTo("2026-11-13T00:00:00+08:00");
        assertThat(body.path("to").asText()).isEqualTo("2026-11-22T00:00:00+08:00");
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void requestOffsetFollowsTheRulesZone() {
        DataDay utcDay = DataDay.at(Instant.parse("2026-11-21T09:30:00Z"),
                RulesOptions.defaults().withZone(ZoneId.of("UTC")));

        assertThat(PlatformJson.offsetOf(utcDay)).isEqualTo(ZoneOffset.UTC);
        assertThat(PlatformJson.offsetOf(DAY)).isEqualTo(ZoneOffset.ofHours(8));
    }

    @Test
    void fullAnswerMapsProfileAndEventsThroughTheCatalogSortedByTime() {
        PlatformJson.Decoded d = decode("{\"subscriber\":{\"carrier\":\"china-telecom\",\"activatedOn\":\"2021-01-02\","
                + "\"portedOn\":\"2026-11-19\",\"idLast4Hash\":\"abc\"},\"events\":["
                + "{\"time\":\"2026-11-15T12:00:00Z\",\"area\":\"HK\"},"
                + "{\"time\":\"2026-11-15T08:00:00+08:00\",\"area\":\"429004\"}]}");

        assertThat(d.data().profile()).isEqualTo(new SubscriberProfile(
                "china-telecom", LocalDate.of(2021, 1, 2), LocalDate.of(2026, 11, 19), "abc"));
        assertThat(d.data().events().size()).isEqualTo(2);
        assertThat(d.data().events().epochSecond(0)).isEqualTo(
                OffsetDateTime.parse("2026-11-15T08:00:00+08:00").toEpochSecond());
        assertThat(d.data().events().areaId(0)).isEqualTo(CATALOG.resolve("429004").orElseThrow().id());
        assertThat(d.data().events().areaId(1)).isEqualTo(CATALOG.resolve("HK").orElseThrow().id());
        assertThat(d.skippedEvents()).isZero();
    }

    @Test
    void portedOnAndHashMayBeNullOrAbsent() {
        SubscriberProfile nulls = decode(withSubscriber(
                "{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\",\"portedOn\":null,\"idLast4Hash\":null}"))
                .data().profile();
        SubscriberProfile absent = decode(withSubscriber("{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"}"))
                .data().profile();

        assertThat(nulls.portedOn()).isNull();
        assertThat(nulls.idLast4Hash()).isNull();
        assertThat(absent).isEqualTo(nulls);
    }

    @Test
    void emptyEventListIsAKnownSubscriberWithoutData() {
        PlatformJson.Decoded d = decode(withSubscriber("{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"}"));

        assertThat(d.data().events().size()).isZero();
    }

    @Test
    void eventsWithUnknownAreaCodesAreSkippedCountedAndNamed() {
        PlatformJson.Decoded d = decode("{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"},\"events\":["
                + "{\"time\":\"2026-11-15T08:00:00+08:00\",\"area\":\"999999\"},"
                + "{\"time\":\"2026-11-15T09:00:00+08:00\",\"area\":\"440106\"},"
                + "{\"time\":\"2026-11-15T10:00:00+08:00\",\"area\":\"999999\"},"
                + "{\"time\":\"2026-11-15T11:00:00+08:00\",\"area\":\"440000\"},"
                + "{\"time\":\"2026-11-15T12:00:00+08:00\",\"area\":\"XX\"}]}");

        assertThat(d.data().events().size()).isEqualTo(1);
        assertThat(d.skippedEvents()).isEqualTo(4);
        assertThat(d.skippedCodes()).containsExactly("999999", "440000", "XX");
    }

    @Test
    void missingOrMistypedFieldsFailNamingTheField() {
        assertThat(badResponse("{\"events\":[]}").getMessage()).contains("subscriber");
        assertThat(badResponse(withSubscriber("{\"activatedOn\":\"2021-01-02\"}")).getMessage())
                .contains("subscriber.carrier");
        assertThat(badResponse(withSubscriber("{\"carrier\":\"c\",\"activatedOn\":\"02/01/2021\"}")).getMessage())
                .contains("subscriber.activatedOn");
        assertThat(badResponse(withSubscriber("{\"carrier\":7,\"activatedOn\":\"2021-01-02\"}")).getMessage())
                .contains("subscriber.carrier");
        assertThat(badResponse("{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"}}").getMessage())
                .contains("events");
        assertThat(badResponse("{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"},"
                + "\"events\":[{\"area\":\"440106\"}]}").getMessage()).contains("events[0].time");
        assertThat(badResponse("{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"},"
                + "\"events\":[{\"time\":\"2026-11-15T08:00:00+08:00\"}]}").getMessage()).contains("events[0].area");
    }

    @Test
    void timeWithoutOffsetIsRefused() {
        SourceException e = badResponse("{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"},"
                + "\"events\":[{\"time\":\"2026-11-15T08:00:00\",\"area\":\"440106\"}]}");

        assertThat(e.getMessage()).contains("events[0].time", "with offset");
    }

    @Test
    void garbageTruncatedAndNonObjectBodiesAreBadResponses() {
        badResponse("");
        badResponse("not json");
        badResponse("{\"subscriber\":{\"carrier\":\"c\"");
        badResponse("[1,2,3]");
        badResponse("\u0000\u00ff\u0010");
    }

    @Test
    void aNumberInAGarbageBodyNeverReachesTheMessage() {
        SourceException e = badResponse("13800138000 is not json");
        SourceException f = badResponse(withSubscriber("{\"carrier\":\"c\",\"activatedOn\":\"13800138000\"}"));

        assertThat(e.getMessage()).doesNotContain("13800138000");
        assertThat(f.getMessage()).doesNotContain("13800138000").contains("138****8000");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void notFoundMeansUnknownSubscriberOnlyWhenEmptyOrSaidSo() {
        assertThat(PlatformJson.isUnknownSubscriber(utf8(""))).isTrue();
        assertThat(PlatformJson.isUnknownSubscriber(utf8("  \n"))).isTrue();
        assertThat(PlatformJson.isUnknownSubscriber(utf8("{\"error\":\"unknown_subscriber\"}"))).isTrue();
        assertThat(PlatformJson.isUnknownSubscriber(utf8("{\"error\":\"Not Found\",\"path\":\"/v1/x\"}"))).isFalse();
        assertThat(PlatformJson.isUnknownSubscriber(utf8("<h1>404 Not Found</h1>"))).isFalse();
    }
}

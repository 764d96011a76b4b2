package io.cxmyd.itinerary.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.http.FakePlatform.Reply;
import io.cxmyd.itinerary.source.http.RawHttpPeer.Step;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP source against a real loopback server playing the platform. */
class HttpItinerarySourceIntegrationTests {

    /** A guard against a hang, never a speed assertion: every outcome is due within a few seconds. */
    private static final long GUARD_SECONDS = 20;

    private static final AreaCatalog CATALOG = AreaCatalog.standard();
    private static final Msisdn NUMBER = Msisdn.parse("13800138000");
    /** 2026-11-21 09:30 Beijing: data day 11-21, window [11-14, 11-21). */
    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());

    private static final String GUANGZHOU_DAY = FakePlatform.dataJson("china-mobile", "2020-03-01", null,
            "2026-11-15T08:00:00+08:00", "440106", "2026-11-15T14:00:00+08:00", "440100");

    private FakePlatform platform;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startPlatform() throws IOException {
        platform = FakePlatform.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        platform.close();
    }

    private HttpItinerarySource source(String baseUrl, UnaryOperator<HttpSourceOptions.Builder> tune) {
        HttpItinerarySource source = new HttpItinerarySource(
                tune.apply(HttpSourceOptions.builder().baseUrl(baseUrl)).build(), CATALOG);
        toClose.add(source);
        return source;
    }

    private HttpItinerarySource source() {
        return source(platform.baseUrl(), b -> b);
    }

    private static Optional<SubscriberData> fetch(HttpItinerarySource source) throws Exception {
        return source.fetch(NUMBER, DAY).get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    private static SourceException failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(GUARD_SECONDS, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(SourceException.class);
        SourceException e = (SourceException) thrown.getCause();
        assertThat(e.getMessage()).doesNotContain(NUMBER.digits());
        return e;
    }

    private static long epoch(String time) {
        return OffsetDateTime.parse(time).toEpochSecond();
    }

    @Test
    void okAnswerGivesTheProfileAndASortedTrackOfCatalogAreas() throws Exception {
        platform.answer(Reply.json(200, "{\"subscriber\":{\"carrier\":\"china-unicom\",\"activatedOn\":\"2019-05-02\","
                + "\"portedOn\":\"2026-11-20\",\"idLast4Hash\":\"h:ab12\",\"extra\":1},\"events\":["
                + "{\"time\":\"2026-11-16T10:00:00+09:00\",\"area\":\"JP\"},"
                + "{\"time\":\"2026-11-15T14:00:00+08:00\",\"area\":\"110108\"},"
                + "{\"time\":\"2026-11-15T20:00:00+08:00\",\"area\":\"999999\"},"
                + "{\"time\":\"2026-11-15T08:00:00+08:00\",\"area\":\"110105\"}]}"));
        HttpItinerarySource source = source();

        SubscriberData data = fetch(source).orElseThrow();

        assertThat(data.profile().carrier()).isEqualTo("china-unicom");
        assertThat(data.profile().activatedOn()).isEqualTo(LocalDate.of(2019, 5, 2));
        assertThat(data.profile().portedOn()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(data.profile().idLast4Hash()).isEqualTo("h:ab12");
        EventTrack track = data.events();
        assertThat(track.size()).isEqualTo(3);
        int beijing = CATALOG.resolve("110000").orElseThrow().id();
        int japan = CATALOG.resolve("JP").orElseThrow().id();
        assertThat(List.of(track.epochSecond(0), track.epochSecond(1), track.epochSecond(2))).containsExactly(
                epoch("2026-11-15T08:00:00+08:00"), epoch("2026-11-15T14:00:00+08:00"),
                epoch("2026-11-16T10:00:00+09:00"));
        assertThat(List.of(track.areaId(0), track.areaId(1), track.areaId(2))).containsExactly(beijing, beijing, japan);
        assertThat(source.skippedEvents()).isEqualTo(1);
    }

    @Test
    void unknownSubscriberAnswerGivesEmpty() throws Exception {
        platform.answer(Reply.json(404, "{\"error\":\"unknown_subscriber\"}"));

        assertThat(fetch(source())).isEmpty();
    }

    @Test
    void notFoundFromSomethingElseThanThePlatformIsAnError() {
        platform.answer(Reply.text(404, "<h1>404 Not Found</h1>"));

        assertThat(failureOf(source().fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.STATUS_4XX);
    }

    @Test
    void serverErrorFailsWithStatus5xx() {
        platform.answer(Reply.json(500, "{\"error\":\"internal\"}"));

        SourceException e = failureOf(source().fetch(NUMBER, DAY));

        assertThat(e.kind()).isEqualTo(SourceException.Kind.STATUS_5XX);
        assertThat(e.getMessage()).contains("500");
    }

    @Test
    void refusedTokenFailsWithStatus4xx() {
        platform.answer(Reply.empty(401));

        assertThat(failureOf(source().fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.STATUS_4XX);
    }

    @Test
    void slowAnswerFailsWithTimeout() {
        platform.answer(Reply.hang());
        HttpItinerarySource source = source(platform.baseUrl(), b -> b.responseTimeout(Duration.ofMillis(300)));

        assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.TIMEOUT);
    }

    @Test
    void timedOutConnectionGivesItsPoolSlotBack() throws Exception {
        platform.answer(Reply.hang());
        HttpItinerarySource source = source(platform.baseUrl(),
                b -> b.maxConnections(1).responseTimeout(Duration.ofMillis(300)));
        assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.TIMEOUT);

        platform.answer(Reply.json(200, GUANGZHOU_DAY));

        assertThat(fetch(source)).isPresent();
    }

    @Test
    void garbageBodyFailsWithBadResponse() {
        platform.answer(Reply.json(200, "{\"subscriber\": 13800138000 oops"));

        SourceException e = failureOf(source().fetch(NUMBER, DAY));

        assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
    }

    @Test
    void missingFieldFailsWithBadResponseNamingIt() {
        platform.answer(Reply.json(200, "{\"subscriber\":{\"carrier\":\"china-mobile\"},\"events\":[]}"));

        SourceException e = failureOf(source().fetch(NUMBER, DAY));

        assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("subscriber.activatedOn");
    }

    @Test
    void closedPortFailsWithConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpItinerarySource source = source("http://127.0.0.1:" + port, b -> b);

        assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.CONNECT);
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() throws Exception {
        platform.answer(Reply.json(200, GUANGZHOU_DAY));
        HttpItinerarySource source = source();

        for (int i = 0; i < 10; i++) {
            assertThat(fetch(source)).isPresent();
        }

        assertThat(platform.requests()).hasSize(10);
        assertThat(platform.connectionsSeen()).isEqualTo(1);
    }

    @Test
    void manyConcurrentRequestsShareABoundedPool() throws Exception {
        platform.answer(Reply.json(200, GUANGZHOU_DAY));
        // A generous timeout: this proves sharing and bounds, not speed, on a machine shared with others.
        HttpItinerarySource source = source(platform.baseUrl(),
                b -> b.maxConnections(4).responseTimeout(Duration.ofSeconds(GUARD_SECONDS)));
        List<CompletableFuture<Optional<SubscriberData>>> calls = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            calls.add(source.fetch(Msisdn.parse("1380013" + String.format("%04d", i)), DAY));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(calls).allSatisfy(c -> assertThat(c.join()).isPresent());
        assertThat(platform.requests()).hasSize(200);
        assertThat(platform.connectionsSeen()).isBetween(1, 4);
    }

    @Test
    void oversizedAnswerWithLengthFailsWithBadResponse() {
        platform.answer(Reply.json(200, "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}"));
        HttpItinerarySource source = source(platform.baseUrl(), b -> b.maxResponseBytes(4096));

        SourceException e = failureOf(source.fetch(NUMBER, DAY));

        assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("maxResponseBytes=4096");
    }

    @Test
    void oversizedChunkedAnswerFailsWithBadResponse() {
        platform.answer(Reply.chunkedJson(200, "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}"));
        HttpItinerarySource source = source(platform.baseUrl(), b -> b.maxResponseBytes(4096));

        assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
    }

    @Test
    void chunkedAnswerWithinTheLimitIsRead() throws Exception {
        platform.answer(Reply.chunkedJson(200, GUANGZHOU_DAY));

        assertThat(fetch(source()).orElseThrow().events().size()).isEqualTo(2);
    }

    @Test
    void numberTravelsInTheBodyNeverInTheUrl() throws Exception {
        platform.answer(Reply.json(200, GUANGZHOU_DAY));
        HttpItinerarySource source = source(platform.baseUrl(), b -> b.authToken("s3cret-token"));

        fetch(source);

        FakePlatform.Recorded request = platform.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v1/itinerary-data").doesNotContain(NUMBER.digits());
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.path("msisdn").asText()).isEqualTo("13800138000");
        assertThat(body.path("from").asText()).isEqualTo("2026-11-13T00:00:00+08:00");
        assertThat(body.path("to").asText()).isEqualTo("2026-11-22T00:00:00+08:00");
    }

    @Test
    void baseUrlPathPrefixesTheCall() throws Exception {
        platform.answer(Reply.json(200, GUANGZHOU_DAY));

        fetch(source(platform.baseUrl() + "/platform/", b -> b));

        assertThat(platform.requests().get(0).uri()).isEqualTo("/platform/v1/itinerary-data");
        assertThat(platform.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void connectionClosedMidResponseFailsWithBadResponse() throws Exception {
        try (RawHttpPeer peer = new RawHttpPeer(n -> Step.partial(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"subscr"))) {
            HttpItinerarySource source = source(peer.baseUrl(), b -> b);

            assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
        }
    }

    @Test
    void freshConnectionClosedWithoutAnswerFailsWithConnect() throws Exception {
        try (RawHttpPeer peer = new RawHttpPeer(n -> null)) {
            HttpItinerarySource source = source(peer.baseUrl(), b -> b);

            assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.CONNECT);
            assertThat(peer.requests()).isEqualTo(1);
        }
    }

    @Test
    void reusedConnectionClosedBeforeAnsweringIsRetriedOnceOnAFreshOne() throws Exception {
        // Request 0 is answered, request 1 arrives on the same keep-alive connection and is dropped
        // unanswered (as a server closing an idle connection would), request 2 comes on a new connection.
        try (RawHttpPeer peer = new RawHttpPeer(n -> n == 1 ? null : Step.answer(RawHttpPeer.ok(GUANGZHOU_DAY)))) {
            HttpItinerarySource source = source(peer.baseUrl(), b -> b);
            assertThat(fetch(source)).isPresent();

            assertThat(fetch(source)).isPresent();

            assertThat(peer.requests()).isEqualTo(3);
            assertThat(peer.connections()).isEqualTo(2);
        }
    }

    @Test
    void closeFailsLookupsUnderWayAndEndsReadiness() {
        platform.answer(Reply.hang());
        HttpItinerarySource source = source();
        assertThat(source.ready()).isTrue();
        CompletableFuture<Optional<SubscriberData>> call = source.fetch(NUMBER, DAY);

        source.close();

        assertThat(failureOf(call).kind()).isEqualTo(SourceException.Kind.CONNECT);
        assertThat(source.ready()).isFalse();
        assertThat(failureOf(source.fetch(NUMBER, DAY)).kind()).isEqualTo(SourceException.Kind.CONNECT);
    }

    @Test
    void healthCheckFollowsThePlatformsHealthEndpoint() throws Exception {
        HttpItinerarySource source = source();
        platform.answer(r -> r.uri().equals("/v1/health") ? Reply.json(200, "{\"status\":\"up\"}") : Reply.empty(500));
        assertThat(source.checkHealth().get(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

        platform.answer(Reply.empty(503));

        assertThat(source.checkHealth().get(GUARD_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(platform.requests().get(0).method()).isEqualTo("GET");
    }
}

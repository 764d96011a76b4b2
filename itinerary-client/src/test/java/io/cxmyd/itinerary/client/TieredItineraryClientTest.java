package io.cxmyd.itinerary.client;

import static io.cxmyd.itinerary.client.Subscribers.AT;
import static io.cxmyd.itinerary.client.Subscribers.NEXT_REFRESH;
import static io.cxmyd.itinerary.client.Subscribers.STAY_AT_HOME;
import static io.cxmyd.itinerary.client.Subscribers.TRAVELLER;
import static io.cxmyd.itinerary.client.Subscribers.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.LookupResult.Reason;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.cache.CacheOptions;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process tier: no Redis configured, time stepped by hand. */
class TieredItineraryClientTest {

    private final FakeTicker ticker = new FakeTicker();
    private final RecordingEvents events = new RecordingEvents();
    private final TestSource source = Subscribers.source();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private ItineraryClient client = client(Duration.ofSeconds(3));

    private ItineraryClient client(Duration deadline) {
        return ItineraryClientBuilder.forSource(source)
                .cache(CacheOptions.builder().noDataTtl(Duration.ofMinutes(5)).build())
                .lookupDeadline(deadline)
                .events(events)
                .executor(executor)
                .ticker(ticker)
                .build();
    }

    @AfterEach
    void close() {
        client.close();
        executor.shutdownNow();
    }

    private LookupResult lookup(Msisdn msisdn, Instant at) throws Exception {
        return client.lookup(msisdn, at).get(10, TimeUnit.SECONDS);
    }

    @Test
    void firstLookupLoadsFromTheSourceAndTheSecondIsANearHit() throws Exception {
        LookupResult first = lookup(TRAVELLER, AT);
        LookupResult second = lookup(TRAVELLER, AT);

        assertThat(first).isInstanceOf(LookupResult.Found.class);
        assertThat(((LookupResult.Found) first).itinerary().places()).extracting(Place::code).containsExactly("440100");
        assertThat(second).isEqualTo(first);
        assertThat(source.fetches()).isEqualTo(1);
        assertThat(events.seen).containsExactly("near:miss", "done:source", "near:hit", "done:near");
    }

    @Test
    void anEntryLivesUntilTheNextRefreshAndNotOneNanosecondLonger() throws Exception {
        Duration untilRefresh = Duration.between(AT, NEXT_REFRESH);
        lookup(TRAVELLER, AT);

        // The rules clock may be pinned (config `clock:`): `at` stays put while real time runs on.
        ticker.advance(untilRefresh.minusNanos(1));
        lookup(TRAVELLER, AT);
        assertThat(source.fetches()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        lookup(TRAVELLER, AT);
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void theNextDataDayIsLoadedAfresh() throws Exception {
        lookup(TRAVELLER, AT);
        lookup(TRAVELLER, NEXT_REFRESH.minusNanos(1));
        assertThat(source.fetches()).isEqualTo(1);

        LookupResult nextDay = lookup(TRAVELLER, NEXT_REFRESH);
        assertThat(source.fetches()).isEqualTo(2);
        assertThat(((LookupResult.Found) nextDay).itinerary().dataDay()).isEqualTo("2026-11-22");
    }

    @Test
    void concurrentMissesForOneSubscriberLoadOnce() throws Exception {
        source.hold();
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lookups.add(client.lookup(TRAVELLER, AT));
        }
        source.release();

        for (CompletableFuture<LookupResult> f : lookups) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(LookupResult.Found.class);
        }
        assertThat(source.fetches()).isEqualTo(1);
        assertThat(events.seen).filteredOn(e -> e.startsWith("near:")).containsOnlyOnce("near:miss");
    }

    @Test
    void anUnknownNumberIsNoDataAndCachedOnlyForTheNoDataTtl() throws Exception {
        assertThat(lookup(UNKNOWN, AT)).isInstanceOf(LookupResult.NoData.class);
        ticker.advance(Duration.ofMinutes(5).minusNanos(1));
        lookup(UNKNOWN, AT);
        assertThat(source.fetches()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        lookup(UNKNOWN, AT);
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void aWindowWithoutEventsIsCachedOnlyForTheNoDataTtl() throws Exception {
        assertThat(lookup(STAY_AT_HOME, AT)).isInstanceOf(LookupResult.NoData.class);
        ticker.advance(Duration.ofMinutes(5));
        lookup(STAY_AT_HOME, AT);
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void noDataIsNeverCachedPastTheRefresh() throws Exception {
        Instant oneMinuteBefore = NEXT_REFRESH.minus(Duration.ofMinutes(1));
        lookup(UNKNOWN, oneMinuteBefore);
        ticker.advance(Duration.ofMinutes(1));
        lookup(UNKNOWN, oneMinuteBefore);
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void aFailingSourceIsUnavailableAndTheFailureIsNotCached() throws Exception {
        source.failWith(new SourceException(SourceException.Kind.STATUS_5XX, "HTTP 503"));
        assertThat(lookup(TRAVELLER, AT)).isEqualTo(new LookupResult.Unavailable(TRAVELLER, Reason.SOURCE_ERROR));
        assertThat(events.seen).contains("error:status_5xx").doesNotContain("done:source");

        source.failWith(null);
        assertThat(lookup(TRAVELLER, AT)).isInstanceOf(LookupResult.Found.class);
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void aSourceThatNeverAnswersIsUnavailableTimeoutAndIsAskedAgainLater() throws Exception {
        client.close();
        client = client(Duration.ofMillis(50));
        source.hold(); // never released

        assertThat(lookup(TRAVELLER, AT)).isEqualTo(new LookupResult.Unavailable(TRAVELLER, Reason.TIMEOUT));

        // The hung fetch never answers; its load leaves the cache at its own deadline (until then a retry
        // may still join it and time out too), and the next lookup asks the source again.
        source.answerNewFetches();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        LookupResult retry = lookup(TRAVELLER, AT);
        while (!(retry instanceof LookupResult.Found) && System.nanoTime() < giveUp) {
            retry = lookup(TRAVELLER, AT);
        }
        assertThat(retry).isInstanceOf(LookupResult.Found.class);
        assertThat(source.fetches()).isEqualTo(2);
        assertThat(events.seen).contains("error:timeout");
    }

    @Test
    void aSourceNotYetLoadedIsUnavailableNotReady() throws Exception {
        source.ready(false);
        assertThat(client.ready()).isFalse();
        assertThat(lookup(TRAVELLER, AT)).isEqualTo(new LookupResult.Unavailable(TRAVELLER, Reason.NOT_READY));

        source.ready(true);
        assertThat(lookup(TRAVELLER, AT)).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void theAccountRulesRunOnEveryLookupNotOnlyOnTheLoad() throws Exception {
        // Activated 2026-11-15: six days old on the 21st (refused), seven on the 22nd (served). At 07:00
        // on the 22nd the data day is still the 21st, so the cached value is reused, yet the answer changes.
        source.with(TRAVELLER, new SubscriberData(
                new SubscriberProfile("china-mobile", LocalDate.of(2026, 11, 15), null),
                Subscribers.traveller().events()));
        assertThat(lookup(TRAVELLER, AT)).isInstanceOf(LookupResult.NewAccount.class);

        Instant afterMidnight = NEXT_REFRESH.minus(Duration.ofHours(1)); // 2026-11-22 07:00, data day 21
        assertThat(lookup(TRAVELLER, afterMidnight)).isInstanceOf(LookupResult.Found.class);
        assertThat(source.fetches()).isEqualTo(1);
    }

    @Test
    void idLast4AnswersTheRegisteredHashAndWarmsTheCacheForTheLookup() throws Exception {
        Msisdn verified = Msisdn.parse("13600136000");
        source.with(verified, new SubscriberData(
                new SubscriberProfile("china-unicom", LocalDate.of(2019, 3, 1), null, "ab12"),
                Subscribers.traveller().events()));

        assertThat(client.idLast4(verified, AT).get(10, TimeUnit.SECONDS))
                .isEqualTo(new io.cxmyd.itinerary.IdLast4.Registered("ab12"));
        assertThat(lookup(verified, AT)).isInstanceOf(LookupResult.Found.class);
        assertThat(source.fetches()).isEqualTo(1);
    }

    @Test
    void idLast4OfAnUnknownNumberOrAProfileWithoutHashIsNotRegistered() throws Exception {
        assertThat(client.idLast4(UNKNOWN, AT).get(10, TimeUnit.SECONDS))
                .isInstanceOf(io.cxmyd.itinerary.IdLast4.NotRegistered.class);
        assertThat(client.idLast4(TRAVELLER, AT).get(10, TimeUnit.SECONDS))
                .isInstanceOf(io.cxmyd.itinerary.IdLast4.NotRegistered.class);
    }

    @Test
    void idLast4WhileTheSourceFailsIsUnavailableNeverAFailedFuture() throws Exception {
        source.failWith(new SourceException(SourceException.Kind.STATUS_5XX, "HTTP 503"));
        assertThat(client.idLast4(TRAVELLER, AT).get(10, TimeUnit.SECONDS))
                .isEqualTo(new io.cxmyd.itinerary.IdLast4.Unavailable(Reason.SOURCE_ERROR));
    }
}

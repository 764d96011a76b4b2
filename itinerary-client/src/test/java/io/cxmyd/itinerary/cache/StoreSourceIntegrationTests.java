package io.cxmyd.itinerary.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.client.ItineraryClientBuilder;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code itinerary.source: store} against a real redis-server, filled the way the Spark job fills it
 * (docs/batch.md): a value under the keyed hash, then the day's marker.
 */
class StoreSourceIntegrationTests {

    private static final String KEY = "store-source-test-key-01";
    private static final AreaCatalog CATALOG = AreaCatalog.standard();
    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final Instant AT = Instant.parse("2026-11-21T01:30:00Z");
    private static final DataDay DAY = DataDay.at(AT, RULES);
    private static final Msisdn KNOWN = Msisdn.parse("13800138000");

    private RedisServer redis;
    private ItineraryClient client;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        StoreOptions options = new StoreOptions(List.of(redis.uri()), false, KEY, Duration.ofMillis(300),
                Duration.ofMillis(50));
        client = ItineraryClientBuilder.forSource(StoreSource.start(options, CATALOG, () -> DAY))
                .lookupDeadline(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        redis.close();
    }

    private void store(Msisdn msisdn, DayValue value) throws Exception {
        CacheKeys keys = CacheKeys.withSecret(KEY.getBytes(StandardCharsets.UTF_8));
        redis.command("SET", keys.storeKey(msisdn, DAY.day()), new DayValueCodec(CATALOG).encode(value));
    }

    private void markDayComplete(String risk) throws Exception {
        redis.command("SET", CacheKeys.storeMarker(DAY.day()),
                "{\"day\":\"" + DAY.day() + "\",\"subscribers\":1,\"events\":2,\"risk\":[" + risk + "]}");
    }

    private LookupResult lookup(String number) throws Exception {
        return client.lookup(Msisdn.parse(number), AT).get(10, TimeUnit.SECONDS);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!client.ready() && System.nanoTime() < deadline) {
            Thread.sleep(20); // the source polls the marker on its own thread; nothing timed is asserted
        }
        assertThat(client.ready()).isTrue();
    }

    private static DayValue guangzhou() {
        return new DayValue(new SubscriberProfile("china-mobile", LocalDate.of(2018, 1, 1), null),
                new Trip(List.of(CATALOG.resolve("440100").orElseThrow()), List.of(CATALOG.resolve("JP").orElseThrow()),
                        true));
    }

    @Test
    void beforeTheDaysMarkerTheStoreIsNotReadyAndAnswersBusy() throws Exception {
        store(KNOWN, guangzhou());

        assertThat(client.ready()).isFalse();
        assertThat(lookup("13800138000")).isEqualTo(new LookupResult.Unavailable(KNOWN, LookupResult.Reason.NOT_READY));
    }

    @Test
    void aStoredSubscriberIsAnsweredThroughTheAccountRulesAndAnUnknownOneGetsNoData() throws Exception {
        store(KNOWN, guangzhou());
        markDayComplete("\"440100\"");
        awaitReady();

        LookupResult known = lookup("13800138000");
        LookupResult unknown = lookup("13912345678");

        assertThat(known).isInstanceOf(LookupResult.Found.class);
        LookupResult.Found found = (LookupResult.Found) known;
        assertThat(found.itinerary().places()).extracting(p -> p.name() + p.risk()).containsExactly("广东省广州市true");
        assertThat(found.itinerary().countries()).extracting(p -> p.name()).containsExactly("日本");
        assertThat(found.itinerary().notes()).contains(Note.RISK_MARKED);
        assertThat(unknown).isInstanceOf(LookupResult.NoData.class);
    }

    @Test
    void aStoreThatIsDownAnswersBusyLikeAnyOtherSource() throws Exception {
        store(KNOWN, guangzhou());
        markDayComplete("");
        awaitReady();

        redis.kill();

        assertThat(lookup("13800138000")).isInstanceOf(LookupResult.Unavailable.class);
    }
}

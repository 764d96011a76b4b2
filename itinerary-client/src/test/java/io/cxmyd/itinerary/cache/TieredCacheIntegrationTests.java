package io.cxmyd.itinerary.cache;

import static io.cxmyd.itinerary.client.Subscribers.AT;
import static io.cxmyd.itinerary.client.Subscribers.NEXT_REFRESH;
import static io.cxmyd.itinerary.client.Subscribers.TRAVELLER;
import static io.cxmyd.itinerary.client.Subscribers.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.client.ItineraryClientBuilder;
import io.cxmyd.itinerary.client.RecordingEvents;
import io.cxmyd.itinerary.client.Subscribers;
import io.cxmyd.itinerary.client.TestSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two tiers against a real redis-server of the test's own, including Redis killed, paused and
 * restarted under a running client. Time bounds are proved by outcome, not by a stopwatch: every lookup
 * has a 1 s deadline, ten times the Redis command timeout, and a lookup that waited on a dead Redis
 * would answer {@code Unavailable(TIMEOUT)} instead of the source's data.
 */
class TieredCacheIntegrationTests {

    private static final String SECRET = "integration-test-secret-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private static RedisServer redis;
    private final List<ItineraryClient> clients = new ArrayList<>();
    private final CacheKeys keys = CacheKeys.withSecret(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void redisRunningAndEmpty() throws Exception {
        if (!redis.running()) {
            redis.restart();
        }
        redis.command("FLUSHALL");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ItineraryClient::close);
    }

    private ItineraryClient client(TestSource source, RecordingEvents events) throws Exception {
        // The default probe interval (5 s) keeps the background PING out of the way of these tests.
        return client(source, events, CacheOptions.defaults().redisProbeInterval());
    }

    private ItineraryClient client(TestSource source, RecordingEvents events, Duration probeInterval)
            throws Exception {
        return client(source, events, probeInterval, CacheOptions.defaults().redisCommandTimeout(), DEADLINE);
    }

    /**
     * A client for a test that asserts a Redis HIT, which needs the GET to be answered within the command timeout.
     * The default 100 ms is the product's budget, and what the Redis-down tests below prove; a cold lettuce
     * connection's first GET on a loaded machine (load 25-30 on 2 cores) took longer, counted as a Redis failure,
     * and the lookup went to the source. The bounds here are not what such a test is about.
     */
    private ItineraryClient patientClient(TestSource source, RecordingEvents events) throws Exception {
        return client(source, events, CacheOptions.defaults().redisProbeInterval(), Duration.ofSeconds(5),
                Duration.ofSeconds(8));
    }

    private ItineraryClient client(TestSource source, RecordingEvents events, Duration probeInterval,
            Duration commandTimeout, Duration deadline) throws Exception {
        ItineraryClient client = ItineraryClientBuilder.forSource(source)
                .cache(CacheOptions.builder()
                        .redisUri(redis.uri())
                        .hashKey(SECRET)
                        .redisRetryInterval(Duration.ofMillis(200))
                        .redisProbeInterval(probeInterval)
                        .redisCommandTimeout(commandTimeout)
                        .build())
                .lookupDeadline(deadline)
                .events(events)
                .build();
        clients.add(client);
        await("redis connected", () -> events.seen.contains("redis:up"));
        return client;
    }

    private static LookupResult lookup(ItineraryClient client, Msisdn msisdn, Instant at) throws Exception {
        return client.lookup(msisdn, at).get(10, TimeUnit.SECONDS);
    }

    /** Polls until {@code condition} holds, for at most 15 s. */
    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aValueOneInstanceLoadedIsARedisHitForAnotherWithTheSameKey() throws Exception {
        TestSource sourceA = Subscribers.source();
        ItineraryClient a = client(sourceA, new RecordingEvents());
        LookupResult fromSource = lookup(a, TRAVELLER, AT);
        String key = keys.key(TRAVELLER, AT.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate());
        await("write-back", () -> redis.exists(key));

        TestSource sourceB = Subscribers.source();
        RecordingEvents eventsB = new RecordingEvents();
        ItineraryClient b = patientClient(sourceB, eventsB);
        // A Redis answer later than the product's 100 ms, as under load: with the default client this lookup
        // went to the source (the flake); the test is about sharing, so the answer must still be a hit.
        redis.command("CLIENT", "PAUSE", "300", "ALL");
        LookupResult fromRedis = lookup(b, TRAVELLER, AT);

        assertThat(fromSource).isInstanceOf(LookupResult.Found.class);
        assertThat(fromRedis).isEqualTo(fromSource);
        assertThat(sourceB.fetches()).isZero();
        assertThat(eventsB.seen).containsSubsequence("near:miss", "redis:hit", "done:redis");
        assertThat(redis.command("GET", key)).doesNotContain("13800138000").contains("\"440100\"");
    }

    @Test
    void aMissGoesToTheSourceAndIsStoredUntilTheNextRefresh() throws Exception {
        TestSource source = Subscribers.source();
        RecordingEvents events = new RecordingEvents();
        ItineraryClient client = client(source, events);

        assertThat(lookup(client, TRAVELLER, AT)).isInstanceOf(LookupResult.Found.class);
        // The near miss is reported by the caller's thread, the Redis miss by the loader: their order may vary.
        assertThat(events.seen).contains("near:miss").containsSubsequence("redis:miss", "done:source");
        String key = keys.key(TRAVELLER, java.time.LocalDate.of(2026, 11, 21));
        await("write-back", () -> redis.exists(key));

        long untilRefresh = Duration.between(AT, NEXT_REFRESH).toMillis();
        assertThat(redis.pttl(key)).isBetween(untilRefresh - 60_000, untilRefresh);
    }

    @Test
    void noDataIsStoredOnlyForTheNoDataTtl() throws Exception {
        ItineraryClient client = client(Subscribers.source(), new RecordingEvents());
        assertThat(lookup(client, UNKNOWN, AT)).isInstanceOf(LookupResult.NoData.class);
        String key = keys.key(UNKNOWN, java.time.LocalDate.of(2026, 11, 21));
        await("write-back", () -> redis.exists(key));
        assertThat(redis.pttl(key)).isBetween(1L, Duration.ofMinutes(5).toMillis());
    }

    @Test
    void anEntryExpiresFromRedisAtTheRefreshBoundary() throws Exception {
        Instant justBefore = NEXT_REFRESH.minusMillis(1500);
        ItineraryClient first = client(Subscribers.source(), new RecordingEvents());
        lookup(first, TRAVELLER, justBefore);
        String key = keys.key(TRAVELLER, java.time.LocalDate.of(2026, 11, 21));
        await("write-back", () -> redis.exists(key));
        assertThat(redis.pttl(key)).isBetween(1L, 1500L);

        await("expiry in redis", () -> !redis.exists(key));
        TestSource source = Subscribers.source();
        RecordingEvents events = new RecordingEvents();
        lookup(client(source, events), TRAVELLER, justBefore);
        assertThat(events.seen).contains("redis:miss", "done:source");
        assertThat(source.fetches()).isEqualTo(1);
    }

    @Test
    void redisKilledMidRunCostsNoAnswerAndTheClientRecoversWhenItIsBack() throws Exception {
        TestSource source = Subscribers.source();
        RecordingEvents events = new RecordingEvents();
        ItineraryClient client = client(source, events);
        assertThat(lookup(client, TRAVELLER, AT)).isInstanceOf(LookupResult.Found.class);

        redis.kill();
        for (int i = 0; i < 30; i++) {
            Msisdn n = Msisdn.parse(String.format("1360000%04d", i));
            assertThat(lookup(client, n, AT)).as("lookup %d with redis dead", i)
                    .isInstanceOf(LookupResult.NoData.class);
        }
        assertThat(events.seen).contains("redis:down");

        redis.restart();
        events.clear();
        await("redis back in use", () -> {
            lookup(client, Msisdn.parse(String.format("1350000%04d", (int) (System.nanoTime() % 10_000))), AT);
            return events.seen.contains("redis:up") && events.seen.contains("redis:miss");
        });
        Msisdn fresh = Msisdn.parse("13511112222");
        lookup(client, fresh, AT);
        await("write-back after recovery", () -> redis.exists(keys.key(fresh, java.time.LocalDate.of(2026, 11, 21))));
    }

    @Test
    void aPausedRedisCostsAtMostTheCommandTimeoutAndIsUsedAgainAfterThePause() throws Exception {
        TestSource source = Subscribers.source();
        RecordingEvents events = new RecordingEvents();
        ItineraryClient client = client(source, events);
        assertThat(lookup(client, TRAVELLER, AT)).isInstanceOf(LookupResult.Found.class);

        redis.command("CLIENT", "PAUSE", "3000", "ALL");
        for (int i = 0; i < 10; i++) {
            Msisdn n = Msisdn.parse(String.format("1340000%04d", i));
            assertThat(lookup(client, n, AT)).as("lookup %d with redis paused", i)
                    .isInstanceOf(LookupResult.NoData.class);
        }
        assertThat(events.seen).contains("redis:down");

        events.clear();
        await("redis back in use", () -> {
            lookup(client, Msisdn.parse(String.format("1330000%04d", (int) (System.nanoTime() % 10_000))), AT);
            return events.seen.contains("redis:up") && events.seen.contains("redis:miss");
        });
    }

    @Test
    void availabilityFollowsRedisWithoutAnyLookup() throws Exception {
        TestSource source = Subscribers.source();
        RecordingEvents events = new RecordingEvents();
        client(source, events, Duration.ofMillis(100));

        events.clear();
        redis.kill();
        await("redis reported down with no lookup", () -> events.seen.contains("redis:down"));

        events.clear();
        redis.restart();
        await("redis reported up with no lookup", () -> events.seen.contains("redis:up"));
        assertThat(source.fetches()).as("lookups made").isZero();
        assertThat(events.seen).as("no cache request either").noneMatch(e -> e.startsWith("redis:hit")
                || e.startsWith("redis:miss"));
    }
}

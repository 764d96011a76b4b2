package io.cxmyd.itinerary.cache;

import static io.cxmyd.itinerary.client.Subscribers.AT;
import static io.cxmyd.itinerary.client.Subscribers.TRAVELLER;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache on a real Redis Cluster ({@code cache.redisCluster}: 3 masters, 3 replicas on loopback): a value
 * written by one client is read by another (from a replica: reads of the cache go there), and a master
 * killed under a running client costs lookups nothing (each still answers within its 1 s deadline, from
 * the source) while the replica takes over, after which the cache stores and serves again.
 */
class TieredCacheClusterIntegrationTests {

    private static final String SECRET = "integration-test-secret-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private static RedisCluster cluster;
    private final List<ItineraryClient> clients = new ArrayList<>();
    private final CacheKeys keys = CacheKeys.withSecret(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ItineraryClient::close);
    }

    private ItineraryClient client(TestSource source, RecordingEvents events) throws Exception {
        ItineraryClient client = ItineraryClientBuilder.forSource(source)
                .cache(CacheOptions.builder()
                        .redisClusterSeeds(cluster.seeds())
                        .hashKey(SECRET)
                        .redisRetryInterval(Duration.ofMillis(200))
                        .build())
                .lookupDeadline(DEADLINE)
                .events(events)
                .build();
        clients.add(client);
        await("redis connected", () -> events.seen.contains("redis:up"));
        return client;
    }

    private static LookupResult lookup(ItineraryClient client, Msisdn msisdn, Instant at) throws Exception {
        return client.lookup(msisdn, at).get(10, TimeUnit.SECONDS);
    }

    /** Keys of {@code key}'s slot held by every node (master and replica) that holds the slot. */
    private static boolean onMasterAndReplica(String key) throws Exception {
        long slot = (Long) cluster.command("CLUSTER", "KEYSLOT", key);
        int copies = 0;
        for (RedisServer n : cluster.nodes()) {
            if (n.running() && (Long) RedisCluster.call(n.port(), "CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot)) > 0) {
                copies++;
            }
        }
        return copies >= 2;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aValueOneClientLoadedIsARedisHitForAnotherOnTheCluster() throws Exception {
        TestSource sourceA = Subscribers.source();
        ItineraryClient a = client(sourceA, new RecordingEvents());
        LookupResult fromSource = lookup(a, TRAVELLER, AT);
        String key = keys.key(TRAVELLER, DAY);
        await("write-back on the master and its replica", () -> onMasterAndReplica(key));

        TestSource sourceB = Subscribers.source();
        RecordingEvents eventsB = new RecordingEvents();
        LookupResult fromRedis = lookup(client(sourceB, eventsB), TRAVELLER, AT);

        assertThat(fromSource).isInstanceOf(LookupResult.Found.class);
        assertThat(fromRedis).isEqualTo(fromSource);
        assertThat(sourceB.fetches()).isZero();
        assertThat(eventsB.seen).containsSubsequence("near:miss", "redis:hit", "done:redis");
        assertThat((String) cluster.command("GET", key)).doesNotContain("13800138000").contains("\"440100\"");
    }

    @Test
    void aKilledMasterCostsLookupsNothingAndTheCacheServesAgainAfterTheFailover() throws Exception {
        ItineraryClient client = client(Subscribers.source(), new RecordingEvents());
        RedisServer master = cluster.masterOf(keys.key(Subscribers.UNKNOWN, DAY));

        master.kill();
        // Numbers of every slot, a third of them on the dead master: each lookup answers within its deadline
        // (from the source), none waits for Redis.
        for (int i = 0; i < 30; i++) {
            assertThat(lookup(client, number(i), AT)).isNotInstanceOf(LookupResult.Unavailable.class);
        }
        RedisServer promoted = cluster.awaitNewMaster(keys.key(Subscribers.UNKNOWN, DAY), master);

        // The same client, its topology refreshed by itself, stores values on the promoted master again.
        int[] next = {100};
        await("a value stored on the promoted master", () -> {
            Msisdn m = number(next[0]++);
            lookup(client, m, AT);
            String key = keys.key(m, DAY);
            return cluster.masterOf(key) == promoted && Long.valueOf(1).equals(cluster.command("EXISTS", key));
        });
    }

    /** Numbers the test source does not know: each is a no-data value written back under its own key. */
    private static Msisdn number(int i) {
        return Msisdn.parse("1350000%04d".formatted(i));
    }
}

package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.query.RateLimiter;
import io.cxmyd.gateway.query.RateLimiter.Verdict;
import io.cxmyd.itinerary.cache.RedisCluster;
import io.cxmyd.itinerary.cache.RedisEndpoints;
import io.cxmyd.itinerary.cache.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-subscriber limit shared through a real Redis Cluster by two instances (each its own connection):
 * their counts add up, the counter expires with its window, and a Redis that cannot answer leaves each
 * instance counting alone rather than waiting.
 */
class RedisSubscriberLimitIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final long ALICE = 0x0123_4567_89ab_cdefL;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RedisSubscriberLimit instance(RedisEndpoints where, int max) throws Exception {
        GatewayRedis redis = GatewayRedis.start(where, TIMEOUT);
        open.add(redis);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (redis.commands() == null && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return new RedisSubscriberLimit(redis, max, Duration.ofMinutes(10),
                new RateLimiter(max, Duration.ofMinutes(10), Ticker.systemTicker()), TIMEOUT);
    }

    @Test
    void twoInstancesOnAClusterShareOneSubscribersLimit() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            RedisEndpoints where = RedisEndpoints.cluster(cluster.seeds());
            RedisSubscriberLimit a = instance(where, 3);
            RedisSubscriberLimit b = instance(where, 3);

            assertThat(a.acquire(ALICE)).isEqualTo(Verdict.ALLOWED);
            assertThat(b.acquire(ALICE)).isEqualTo(Verdict.ALLOWED);
            assertThat(a.acquire(ALICE)).isEqualTo(Verdict.ALLOWED);
            assertThat(b.acquire(ALICE)).isEqualTo(Verdict.FIRST_OVER);
            assertThat(a.acquire(ALICE)).isEqualTo(Verdict.OVER);
            assertThat(b.acquire(ALICE + 1)).as("another subscriber").isEqualTo(Verdict.ALLOWED);

            String key = "cxmyd:v1:limit:{0123456789abcdef}";
            assertThat(cluster.command("GET", key)).isEqualTo("5");
            assertThat((Long) cluster.command("PTTL", key)).isBetween(1L, Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void aRedisThatCannotAnswerLeavesEachInstanceCountingAlone() throws Exception {
        RedisServer server = RedisServer.start();
        open.add(server);
        RedisSubscriberLimit a = instance(RedisEndpoints.standalone(server.uri()), 2);
        server.kill();

        assertThat(a.acquire(ALICE)).isEqualTo(Verdict.ALLOWED);
        assertThat(a.acquire(ALICE)).isEqualTo(Verdict.ALLOWED);
        assertThat(a.acquire(ALICE)).isEqualTo(Verdict.FIRST_OVER);
    }
}

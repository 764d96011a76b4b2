package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.binds.BindBudget;
import io.cxmyd.gateway.binds.BindBudget.Lease;
import io.cxmyd.gateway.binds.BindBudget.Renewal;
import io.cxmyd.itinerary.cache.RedisCluster;
import io.cxmyd.itinerary.cache.RedisEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances share one carrier's session budget through a real Redis Cluster: the first takes what is
 * free, the second is told when the first holds more than its share, and takes the sessions of the first
 * once it stops renewing (dies).
 */
class RedisBindBudgetIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration TTL = Duration.ofSeconds(1);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RedisBindBudget instance(RedisEndpoints where, String name) throws Exception {
        GatewayRedis redis = GatewayRedis.start(where, TIMEOUT);
        open.add(redis);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (redis.commands() == null && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return new RedisBindBudget(redis, Map.of("china-mobile", 4), name, TTL, TIMEOUT);
    }

    private static List<Lease> takeAll(BindBudget b) {
        List<Lease> leases = new ArrayList<>();
        for (Optional<Lease> l; (l = b.acquire("china-mobile")).isPresent(); ) {
            leases.add(l.get());
        }
        return leases;
    }

    @Test
    void instancesSplitACarriersSessionsAndTakeOverThoseOfADeadOne() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            RedisEndpoints where = RedisEndpoints.cluster(cluster.seeds());
            RedisBindBudget a = instance(where, "gw-a");
            RedisBindBudget b = instance(where, "gw-b");

            List<Lease> ofA = takeAll(a);
            assertThat(ofA).as("alone, A may take the whole budget").hasSize(4);
            assertThat(takeAll(b)).as("the budget is full").isEmpty();

            // B asked: A holds more than its half and B less, so A is told to give back.
            assertThat(a.renew(ofA.get(0))).isEqualTo(Renewal.SURPLUS);
            a.release(ofA.remove(0));
            a.release(ofA.remove(0));
            assertThat(a.renew(ofA.get(0))).isEqualTo(Renewal.HELD);
            List<Lease> ofB = takeAll(b);
            assertThat(ofB).as("B's half").hasSize(2);
            assertThat(takeAll(a)).as("A is at its half and the budget is full").isEmpty();
            assertThat((Long) cluster.command("ZCARD", "cxmyd:v1:binds:{china-mobile}")).isEqualTo(4L);

            // A dies (stops renewing): after the lease time B takes its sessions, never more than the budget.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ofB.size() < 4 && System.nanoTime() < giveUp) {
                ofB.forEach(b::renew);
                ofB.addAll(takeAll(b));
                TimeUnit.MILLISECONDS.sleep(100); // B's renewal round
            }
            assertThat(ofB).hasSize(4);
            assertThat(a.renew(ofA.get(0))).as("A's expired lease").isEqualTo(Renewal.LOST);
            assertThat(takeAll(b)).isEmpty();
        }
    }
}

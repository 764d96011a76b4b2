package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.journal.JournalEvents;
import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.itinerary.cache.RedisCluster;
import io.cxmyd.itinerary.cache.RedisEndpoints;
import io.cxmyd.itinerary.cache.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream journal's Redis side against real servers: a restarted instance takes its own pending queries
 * back at once (not after claimMinIdle), dead consumers leave the group, and on a Redis Cluster
 * {@code waitForReplicas} acknowledges only what a replica holds.
 */
class StreamJournalHousekeepingIntegrationTests {

    private static final Duration COMMIT = Duration.ofSeconds(2);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private GatewayRedis connect(RedisEndpoints where) throws Exception {
        GatewayRedis redis = opened(GatewayRedis.start(where, COMMIT));
        await("connected", () -> redis.commands() != null);
        return redis;
    }

    private static StreamJournalOptions options(String instance, Duration minIdle, int replicas) {
        return new StreamJournalOptions(instance, COMMIT, minIdle, 100_000, Duration.ofHours(1), replicas);
    }

    private static InboundMessage query(int i) {
        return new InboundMessage("china-mobile", SmppAddress.of("139%08d".formatted(i)), SmppAddress.of("10086"),
                (byte) 0, (byte) 0,
                "CXMYD".getBytes(StandardCharsets.US_ASCII), false, Instant.now());
    }

    @Test
    void aRestartedInstanceTakesItsOwnPendingQueriesBackAtOnce() throws Exception {
        RedisServer server = opened(RedisServer.start());
        RedisEndpoints where = RedisEndpoints.standalone(server.uri());
        // A min-idle of a minute: a take-back that waited for it would miss this test's 20 s.
        RedisStreamJournal before = new RedisStreamJournal(connect(where), options("gw-a", Duration.ofMinutes(1), 0),
                JournalEvents.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(before.accept(query(i))).isInstanceOf(AcceptLog.Recorded.class);
        }
        before.close(); // as a crash would: nothing acknowledged

        ConcurrentLinkedQueue<AcceptedMessage> replayed = new ConcurrentLinkedQueue<>();
        RedisStreamJournal after = opened(new RedisStreamJournal(connect(where),
                options("gw-a", Duration.ofMinutes(1), 0), JournalEvents.NONE));
        after.start(m -> replayed.add(m), () -> { });

        await("the three pending queries taken back", () -> replayed.size() == 3);
        assertThat(replayed).extracting(m -> m.message().source().address())
                .containsExactlyInAnyOrder("13900000000", "13900000001", "13900000002");
    }

    @Test
    void consumersOfStoppedInstancesWithNothingPendingLeaveTheGroup() throws Exception {
        RedisServer server = opened(RedisServer.start());
        RedisEndpoints where = RedisEndpoints.standalone(server.uri());
        RedisStreamJournal live = opened(new RedisStreamJournal(connect(where), options("gw-live", Duration.ofSeconds(1), 0),
                JournalEvents.NONE));
        assertThat(live.accept(query(1))).isInstanceOf(AcceptLog.Recorded.class); // creates the group
        server.command("XGROUP", "CREATECONSUMER", StreamJournalOptions.STREAM, StreamJournalOptions.GROUP, "gw-dead");
        live.start(m -> true, () -> { });

        await("gw-dead removed", () -> !consumers(server).contains("gw-dead"));
        assertThat(consumers(server)).contains("gw-live");
    }

    @SuppressWarnings("unchecked")
    private static String consumers(RedisServer server) throws Exception {
        return String.valueOf(RedisCluster.call(server.port(), "XINFO", "CONSUMERS", StreamJournalOptions.STREAM,
                StreamJournalOptions.GROUP));
    }

    @Test
    void onAClusterWithWaitForReplicasAQueryIsAcknowledgedOnlyWhenItsReplicaHasIt() throws Exception {
        RedisCluster cluster = opened(RedisCluster.start());
        RedisStreamJournal journal = opened(new RedisStreamJournal(connect(RedisEndpoints.cluster(cluster.seeds())),
                options("gw-w", Duration.ofMinutes(1), 1), JournalEvents.NONE));

        // Concurrent accepts share their WAITs (group commit) and are all confirmed.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AcceptLog.Result>> accepted = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                accepted.add(pool.submit(() -> journal.accept(query(n))));
            }
            for (Future<AcceptLog.Result> f : accepted) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(AcceptLog.Recorded.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cluster.command("XLEN", StreamJournalOptions.STREAM)).isEqualTo(400L);

        // With the stream's replica gone, nothing can be confirmed: refused, and the entry does not stay.
        RedisServer master = cluster.masterOf(StreamJournalOptions.STREAM);
        for (io.cxmyd.itinerary.cache.RedisServer node : cluster.nodes()) {
            if (node != master && cluster.role(node).contains(String.valueOf(master.port()))) {
                node.kill();
            }
        }
        assertThat(journal.accept(query(1000))).isInstanceOf(AcceptLog.Refused.class);
        await("the unconfirmed entry deleted", () -> Long.valueOf(400).equals(cluster.command("XLEN",
                StreamJournalOptions.STREAM)));
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}

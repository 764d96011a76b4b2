package io.cxmyd.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.cache.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real gateway processes share a real redis-server with {@code journal.store: redis}: gateway A
 * acknowledges queries whose replies cannot leave (the carrier answers ESME_RTHROTTLED), is killed with
 * SIGKILL, and gateway B takes A's pending queries over from the stream ({@code XAUTOCLAIM}) and replies
 * through its own bind. Every acknowledged query must be answered (docs/reliability.md).
 */
class StreamTakeoverIntegrationTests {

    private static final int QUERIES = Integer.getInteger("cxmyd.faults.queries", 1200) / 4;
    private static final Duration ALL_IN = Duration.ofSeconds(90);
    private static final String STREAM = "cxmyd:v1:journal";

    @TempDir
    Path dir;

    private static String extra(String instance, RedisServer redis) {
        // Continues the "journal:" section GatewayProcess writes last.
        return """
                  store: redis
                  instanceId: %s
                  claimMinIdle: 2s
                cache:
                  redis: %s
                  hashKey: stream-takeover-test-secret
                delivery:
                  drainTimeout: 2s
                  retryInitial: 200ms
                  retryMax: 1s
                """.formatted(instance, redis.uri());
    }

    @Test
    void aSecondInstanceAnswersTheAcknowledgedQueriesOfAKilledOne() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        try (RedisServer redis = RedisServer.start();
             GatewayProcess a = new GatewayProcess(dir.resolve("a"), extra("gw-a", redis));
             GatewayProcess b = new GatewayProcess(dir.resolve("b"), extra("gw-b", redis));
             LoadClient viaA = new LoadClient(a.smppPort, QUERIES);
             LoadClient viaB = new LoadClient(b.smppPort, 0)) {
            a.start();
            b.start();
            viaA.start(4);
            await(() -> viaA.acknowledged() >= QUERIES / 2, "half acknowledged by A");
            // From now on A's replies cannot leave: they are pending in the stream when A dies.
            viaA.pauseDeliveries(true);
            await(viaA::allAcknowledged, "every query acknowledged by A");
            Thread.sleep(150);
            long pendingAtKill = Long.parseLong(redis.command("XLEN", STREAM));
            a.kill();

            viaB.start(0); // B's bind: only receives
            Set<String> acknowledged = viaA.acknowledgedSubscribers();
            await(() -> lost(acknowledged, viaA, viaB).isEmpty(), "every acknowledged query answered");
            awaitIo(() -> "0".equals(redis.command("XLEN", STREAM)), "the stream emptied by XACK and XDEL");

            Map<String, Integer> all = merged(viaA, viaB);
            int duplicates = all.values().stream().mapToInt(n -> n - 1).sum();
            double tookOver = b.metric("cxmyd_journal_replayed_total");
            String line = ("%s redis stream take-over: queries=%d, acknowledged by A=%d, replied via A=%d, via B=%d,"
                    + " pending in the stream at the kill=%d, taken over by B=%d, duplicates=%d, lost=%d%n")
                    .formatted(Instant.now(), QUERIES, acknowledged.size(), viaA.replied(), viaB.replied(),
                            pendingAtKill, (long) tookOver, duplicates, lost(acknowledged, viaA, viaB).size());
            System.out.print(line);
            Files.writeString(Path.of("target", "reliability-figures.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(lost(acknowledged, viaA, viaB)).as("acknowledged and never answered").isEmpty();
            assertThat(pendingAtKill).as("queries pending in the stream when A died").isPositive();
            assertThat(viaB.replied()).as("replies sent by B for A's queries").isPositive();
            assertThat(tookOver).as("queries B took over").isGreaterThanOrEqualTo(viaB.replied());
            assertThat(redis.command("EVAL", "return redis.call('XPENDING', KEYS[1], ARGV[1])[1]", "1", STREAM,
                    "cxmyd-gateways")).as("nothing left pending in the group").isEqualTo("0");
        }
    }

    private static List<String> lost(Set<String> acknowledged, LoadClient x, LoadClient y) {
        Map<String, Integer> all = merged(x, y);
        return acknowledged.stream().filter(s -> !all.containsKey(s)).sorted().toList();
    }

    private static Map<String, Integer> merged(LoadClient x, LoadClient y) {
        Map<String, Integer> all = new HashMap<>(x.repliesPerSubscriber());
        y.repliesPerSubscriber().forEach((k, v) -> all.merge(k, v, Integer::sum));
        return all;
    }

    private static void awaitIo(Callable condition, String what) throws Exception {
        long deadline = System.nanoTime() + ALL_IN.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + ALL_IN + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        awaitIo(condition::getAsBoolean, what);
    }

    @FunctionalInterface
    private interface Callable {
        boolean call() throws IOException;
    }
}

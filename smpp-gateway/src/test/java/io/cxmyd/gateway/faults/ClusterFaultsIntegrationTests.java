package io.cxmyd.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.itinerary.cache.RedisCluster;
import io.cxmyd.itinerary.cache.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real gateway processes on a real Redis Cluster (3 masters, 3 replicas on loopback) under load
 * (docs/reliability.md, "On a Redis Cluster"):
 * <ul>
 *   <li>the journal stream's master is killed (SIGKILL) and its replica promoted while queries flow; then
 *       gateway A, whose replies could not leave, is killed too, and B and C answer A's acknowledged queries
 *       from the stream. With {@code journal.waitForReplicas: 1}, no acknowledged query is lost and none is
 *       answered twice. The same run with the setting off (0) gives the figure to compare; it runs with
 *       {@code -Pfaults} ({@code cxmyd.faults.waitOff}), as it only measures;</li>
 *   <li>the per-subscriber limit holds across the three instances.</li>
 * </ul>
 */
class ClusterFaultsIntegrationTests {

    /** Per gateway: the same in both profiles, so that the run stays within about a minute. */
    private static final int QUERIES = 300;
    private static final Duration ALL_IN = Duration.ofSeconds(120);
    private static final String STREAM = "cxmyd:v1:journal";

    @TempDir
    Path dir;

    private static String extra(String instance, RedisCluster cluster, int waitForReplicas) {
        // Continues the "journal:" section GatewayProcess writes last. claimMinIdle above the stream's outage
        // (the failover, about 4 s here, and lettuce finding the new master: up to 17 s more on this shared
        // machine): renewals fail meanwhile, and a live instance's queries must not be taken over then, or
        // they are answered twice (docs/deployment.md).
        return """
                  store: redis
                  instanceId: %s
                  claimMinIdle: 20s
                  commitTimeout: 1s
                  waitForReplicas: %d
                cache:
                  redisCluster: [%s]
                  hashKey: cluster-faults-test-secret
                delivery:
                  drainTimeout: 2s
                  retryInitial: 200ms
                  retryMax: 1s
                """.formatted(instance, waitForReplicas, String.join(", ", cluster.seeds()));
    }

    @Test
    void withWaitForReplicasAFailoverUnderLoadLosesNoAcknowledgedQuery() throws Exception {
        String line = failoverRun(1);
        assertThat(line).contains("lost=0,");
        // At least once, as documented: a query refused while the stream's replica was away may have landed
        // all the same; its entry, removed by the instance that refused it unless that one is killed first, is
        // then answered by whoever takes it over, and the SMSC's second copy is answered too. Only such a query
        // may be answered twice (seen once in 900: 3 of them).
        assertThat(duplicatedNotSentAgain).as("answered twice though the SMSC sent it once").isEmpty();
    }

    @Test
    void theSameFailoverWithoutWaitGivesTheFigureToCompare() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("cxmyd.faults.waitOff"),
                "the figure without WAIT runs with -Pfaults");
        failoverRun(0);
    }

    /** Of the last run: subscribers answered more than once whose query the SMSC sent only once. */
    private List<String> duplicatedNotSentAgain = List.of();

    /** The whole run; returns the figures line (also appended to target/reliability-figures.txt). */
    private String failoverRun(int waitForReplicas) throws Exception {
        List<GatewayProcess> gateways = new ArrayList<>();
        List<LoadClient> clients = new ArrayList<>();
        try (RedisCluster cluster = RedisCluster.start()) {
            for (String name : List.of("a", "b", "c")) {
                Files.createDirectories(dir.resolve(name));
                gateways.add(new GatewayProcess(dir.resolve(name), extra("gw-" + name, cluster, waitForReplicas)));
            }
            for (GatewayProcess g : gateways) {
                g.start();
            }
            for (int i = 0; i < 3; i++) {
                clients.add(new LoadClient(gateways.get(i).smppPort, QUERIES, i * QUERIES));
            }
            LoadClient viaA = clients.get(0);
            // A's replies cannot leave: its acknowledged queries stay pending in the stream until A dies.
            viaA.pauseDeliveries(true);
            clients.forEach(c -> c.start(4));

            await(() -> viaA.acknowledged() >= QUERIES / 3, "a third acknowledged by A");
            RedisServer master = cluster.masterOf(STREAM);
            // The stream's replica stalls (SIGSTOP) for 1.5 s of load, then its master dies: what the master
            // took meanwhile exists nowhere else. With WAIT nothing was acknowledged meanwhile.
            RedisServer replica = cluster.replicaOf(master);
            int ackedBeforeStall = viaA.acknowledged();
            replica.suspend(true);
            // The master drops the stalled replica's link: what it takes from now on is sent to no replica
            // (without this the replica's socket buffer would still receive it while stopped).
            RedisCluster.call(master.port(), "CLIENT", "KILL", "TYPE", "replica");
            Thread.sleep(1500); // the length of the fault injected, not a wait for the code under test
            int ackedInStall = viaA.acknowledged() - ackedBeforeStall;
            long atKill = (Long) cluster.command("XLEN", STREAM);
            master.kill();
            replica.suspend(false);
            long killedAt = System.nanoTime();
            RedisServer promoted = cluster.awaitNewMaster(STREAM, master);
            double failoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            // The killed node comes back (empty) as the new master's replica: with waitForReplicas 1 and one
            // replica per master, nothing can be acknowledged on the stream's slot until it has.
            master.restart();
            cluster.awaitOk(java.util.concurrent.TimeUnit.SECONDS.toNanos(60));

            await(() -> clients.stream().allMatch(LoadClient::allAcknowledged), "every query acknowledged");
            gateways.get(0).kill();

            Set<String> acknowledged = new HashSet<>();
            clients.forEach(c -> acknowledged.addAll(c.acknowledgedSubscribers()));
            // Lost ones never come: wait for the rest, then for the stream to be empty a while.
            long[] emptySince = {0};
            awaitIo(() -> {
                if (lost(acknowledged, clients).isEmpty()) {
                    return true;
                }
                boolean empty = Long.valueOf(0).equals(cluster.command("XLEN", STREAM));
                emptySince[0] = empty ? (emptySince[0] == 0 ? System.nanoTime() : emptySince[0]) : 0;
                return empty && System.nanoTime() - emptySince[0] > 10_000_000_000L;
            }, "every acknowledged query answered, or the stream empty for 10 s");

            Map<String, Integer> all = merged(clients);
            int duplicates = all.values().stream().mapToInt(n -> n - 1).sum();
            Set<String> sentAgain = new HashSet<>();
            clients.forEach(c -> sentAgain.addAll(c.sentAgain()));
            duplicatedNotSentAgain = all.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).filter(s -> !sentAgain.contains(s)).toList();
            int refused = clients.stream().mapToInt(c -> c.refusals(SmppStatus.ESME_RX_T_APPN)).sum();
            double tookOver = gateways.get(1).metric("cxmyd_journal_replayed_total")
                    + gateways.get(2).metric("cxmyd_journal_replayed_total");
            String line = ("%s redis cluster failover: waitForReplicas=%d, 3 gateways, queries=%d, acknowledged=%d,"
                    + " stream entries at the master kill=%d, acknowledged by A while the replica stalled=%d,"
                    + " replica promoted in %.1f s, refused (ESME_RX_T_APPN,"
                    + " sent again)=%d, A killed, taken over by B and C=%d, lost=%d, duplicates=%d%n")
                    .formatted(Instant.now(), waitForReplicas, 3 * QUERIES, acknowledged.size(), atKill,
                            ackedInStall, failoverSeconds, refused, (long) tookOver, lost(acknowledged, clients).size(), duplicates);
            System.out.print(line);
            Files.writeString(Path.of("target", "reliability-figures.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            assertThat(promoted).isNotSameAs(master);
            assertThat(acknowledged).hasSize(3 * QUERIES);
            assertThat(tookOver).as("A's queries taken over by B and C").isPositive();
            return line;
        } finally {
            for (LoadClient c : clients) {
                c.close();
            }
            for (GatewayProcess g : gateways) {
                g.close();
            }
            keepLogs("cluster-failover-wait" + waitForReplicas);
        }
    }

    /** The gateways' output, kept under target/ for reading after the run. */
    private void keepLogs(String name) throws IOException {
        Path to = Path.of("target", name);
        Files.createDirectories(to);
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".out")).toList()) {
                Files.copy(f, to.resolve(dir.relativize(f).toString().replace('/', '-')),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void thePerSubscriberLimitHoldsAcrossThreeInstances() throws Exception {
        List<GatewayProcess> gateways = new ArrayList<>();
        List<SmppClient> links = new ArrayList<>();
        try (RedisCluster cluster = RedisCluster.start()) {
            for (String name : List.of("a", "b", "c")) {
                Files.createDirectories(dir.resolve(name));
                GatewayProcess g = new GatewayProcess(dir.resolve(name), extra("gw-" + name, cluster, 0), "3/10m");
                gateways.add(g);
                g.start();
            }
            for (GatewayProcess g : gateways) {
                links.add(SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", g.smppPort, "cmcc", "cm-pass1")
                        .withTimeout(Duration.ofSeconds(5))));
            }
            // Six queries of one subscriber, two through each instance: 3 answered, 1 told "too frequent", 2
            // silent. Counted apart, each instance would have answered its two.
            for (int round = 0; round < 2; round++) {
                for (SmppClient link : links) {
                    assertThat(submitAsAnSmscWould(link)).isEqualTo(SmppStatus.ESME_ROK);
                }
            }
            await(() -> outcomes(gateways, null) == 6, "six queries counted");
            assertThat(outcomes(gateways, "throttled")).isEqualTo(3);
        } finally {
            links.forEach(SmppClient::close);
            for (GatewayProcess g : gateways) {
                g.close();
            }
        }
    }

    /**
     * Submits like an SMSC: ESME_RX_T_APPN ("not taken, try again") is retried. A fresh instance's first accepts
     * can pass the journal's commit timeout while its connections to the cluster's nodes open on a loaded
     * machine; such a query is not taken and not counted, so the retry changes nothing this test counts.
     */
    private static SmppStatus submitAsAnSmscWould(SmppClient link) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        SmppStatus status = link.submit("13912345678", "10086", "CXMYD");
        while (status == SmppStatus.ESME_RX_T_APPN && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = link.submit("13912345678", "10086", "CXMYD");
        }
        return status;
    }

    /** cxmyd_queries_total summed over the gateways, for one outcome or (null) all. */
    private static int outcomes(List<GatewayProcess> gateways, String outcome) {
        int sum = 0;
        for (GatewayProcess g : gateways) {
            try {
                sum += (int) g.metrics().lines()
                        .filter(l -> l.startsWith("cxmyd_queries_total{"))
                        .filter(l -> outcome == null || l.contains("outcome=\"" + outcome + "\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum();
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        }
        return sum;
    }

    private static List<String> lost(Set<String> acknowledged, List<LoadClient> clients) {
        Map<String, Integer> all = merged(clients);
        return acknowledged.stream().filter(s -> !all.containsKey(s)).sorted().toList();
    }

    private static Map<String, Integer> merged(List<LoadClient> clients) {
        Map<String, Integer> all = new HashMap<>();
        clients.forEach(c -> c.repliesPerSubscriber().forEach((k, v) -> all.merge(k, v, Integer::sum)));
        return all;
    }

    private static void awaitIo(Callable condition, String what) throws Exception {
        long deadline = System.nanoTime() + ALL_IN.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + ALL_IN + ": " + what);
            }
            Thread.sleep(50);
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

package io.cxmyd.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.testsmsc.TestSmsc;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@link DurableAcceptIntegrationTests} in ESME mode: the gateway binds out to a Cloudhopper
 * SMSC that sends subscribers' messages as deliver_sm under load; the gateway process is killed with SIGKILL
 * and started again; every message answered deliver_sm_resp ESME_ROK must get its reply. The SMSC treats any
 * other answer (or none) as a carrier does: it keeps the message and delivers it again later.
 *
 * <p>Before each kill the SMSC answers submit_sm with ESME_RTHROTTLED for a moment, so that replies are surely
 * pending when the process dies.
 */
class EsmeDurableAcceptIntegrationTests {

    private static final int QUERIES = Integer.getInteger("cxmyd.faults.queries", 1200) / 2;
    private static final int KILLS = Integer.getInteger("cxmyd.faults.kills", 2);
    private static final int SENDERS = 4;
    private static final Duration ALL_IN = Duration.ofSeconds(120);
    private static final String EXTRA = """
            delivery:
              drainTimeout: 2s
              retryInitial: 200ms
              retryMax: 1s
            """;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverSmIsAnsweredAcrossKillNineUnderLoad() throws Exception {
        int smscPort = freePort();
        String smsc = """
                    smsc:
                      host: 127.0.0.1
                      port: %d
                      bind: transceiver
                      window: 20
                      throughput: 5000
                      reconnectMin: 100ms
                      reconnectMax: 1s
                """.formatted(smscPort);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        double replayed = 0;
        int kills = 0;
        try (TestSmsc carrier = TestSmsc.start(smscPort, "cmcc", "cm-pass1");
             GatewayProcess gateway = new GatewayProcess(dir, EXTRA, "\"off\"", smsc)) {
            gateway.start();
            List<Thread> senders = senders(carrier, acknowledged, refused);
            for (int k = 1; k <= KILLS; k++) {
                int threshold = QUERIES * k / (KILLS + 1);
                await(() -> acknowledged.size() >= threshold, "acknowledged " + threshold);
                carrier.answerSubmitsWith(() -> 0x58);
                Thread.sleep(150);
                replayed += gateway.metric("cxmyd_journal_replayed_total");
                gateway.kill();
                kills++;
                carrier.answerSubmitsWith(() -> 0);
                gateway.start();
            }
            for (Thread t : senders) {
                t.join(ALL_IN.toMillis());
            }
            assertThat(acknowledged).as("every message acknowledged in the end").hasSize(QUERIES);
            awaitQuietly(() -> carrier.repliesBySubscriber().keySet().containsAll(acknowledged));
            replayed += gateway.metric("cxmyd_journal_replayed_total");

            Map<String, Integer> replies = carrier.repliesBySubscriber();
            List<String> lost = acknowledged.stream().filter(n -> !replies.containsKey(n)).toList();
            long duplicates = replies.values().stream().filter(n -> n > 1).count();
            String line = ("%s ESME mode kill -9: queries=%d, faults=%d, acknowledged=%d, replied=%d, duplicates=%d,"
                    + " lost=%d, replayed=%d, refused=%d%n").formatted(Instant.now(), QUERIES, kills,
                    acknowledged.size(), replies.size(), duplicates, lost.size(), (long) replayed, refused.get());
            System.out.print(line);
            Files.writeString(Path.of("target", "reliability-figures.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            assertThat(lost).as("acknowledged and never answered").isEmpty();
            assertThat(replayed).as("queries processed again after a kill").isPositive();
        }
    }

    /** Threads that deliver QUERIES distinct subscribers' messages, each again until acknowledged. */
    private static List<Thread> senders(TestSmsc carrier, Set<String> acknowledged, AtomicInteger refused) {
        List<Thread> threads = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < SENDERS; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < QUERIES) {
                    String from = "1390000" + String.format("%04d", i);
                    long deadline = System.nanoTime() + ALL_IN.toNanos();
                    while (System.nanoTime() < deadline) {
                        int status;
                        try {
                            status = carrier.deliver(from, "10086", "CXMYD");
                        } catch (Exception e) {
                            status = -1;
                        }
                        if (status == 0) {
                            acknowledged.add(from);
                            break;
                        }
                        refused.incrementAndGet();
                        try {
                            Thread.sleep(50); // as an SMSC retries a message its application did not take
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "smsc-sender-" + t);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_IN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + ALL_IN + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Lets the replies come in; the assertions after it say what is missing. */
    private static void awaitQuietly(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

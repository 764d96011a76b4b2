package io.cxmyd.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost (docs/reliability.md): a real gateway process under load is killed with
 * SIGKILL, or stopped with SIGTERM, and started again on the same ports and journal; every subscriber whose
 * query got ESME_ROK must get a reply. The figures of each run go to {@code target/reliability-figures.txt}.
 *
 * <p>Before each kill the client answers deliver_sm with ESME_RTHROTTLED for a moment, so that replies are
 * surely pending when the process dies: without the journal they would be lost and the test fails. The
 * longer run ({@code -Pfaults}) sets {@code cxmyd.faults.queries} and {@code cxmyd.faults.kills}.
 */
class DurableAcceptIntegrationTests {

    private static final int QUERIES = Integer.getInteger("cxmyd.faults.queries", 1200);
    private static final int KILLS = Integer.getInteger("cxmyd.faults.kills", 2);
    private static final int SUBMITTERS = 4;
    private static final Duration ALL_IN = Duration.ofSeconds(90);
    private static final String EXTRA = """
            delivery:
              drainTimeout: 2s
              retryInitial: 200ms
              retryMax: 1s
            """;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedQueryIsAnsweredAcrossKillNineUnderLoad() throws Exception {
        double replayed = 0;
        int kills = 0;
        try (GatewayProcess gateway = new GatewayProcess(dir, EXTRA);
             LoadClient load = new LoadClient(waitPort(gateway), QUERIES)) {
            gateway.start();
            load.start(SUBMITTERS);
            for (int k = 1; k <= KILLS; k++) {
                int threshold = QUERIES * k / (KILLS + 1);
                await(() -> load.acknowledged() >= threshold, "acknowledged " + threshold);
                load.pauseDeliveries(true);
                Thread.sleep(150);
                replayed += gateway.metric("cxmyd_journal_replayed_total");
                gateway.kill();
                kills++;
                load.pauseDeliveries(false);
                gateway.start();
            }
            await(load::allAcknowledged, "every query acknowledged");
            awaitQuietly(() -> load.lost().isEmpty());
            replayed += gateway.metric("cxmyd_journal_replayed_total");

            figures("kill -9", kills, load, replayed, gateway);
            assertThat(load.lost()).as("acknowledged and never answered").isEmpty();
            assertThat(replayed).as("queries processed again after a kill").isPositive();
            assertThat(load.linkFailures()).as("links broken by the kills").isGreaterThanOrEqualTo(KILLS);
        }
    }

    @Test
    void sigtermUnderLoadRefusesNewQueriesKeepsPendingRepliesAndExitsZero() throws Exception {
        int queries = Math.max(400, QUERIES / 2);
        try (GatewayProcess gateway = new GatewayProcess(dir, EXTRA);
             LoadClient load = new LoadClient(waitPort(gateway), queries)) {
            gateway.start();
            load.start(SUBMITTERS);
            await(() -> load.acknowledged() >= queries / 3, "a third acknowledged");
            // Replies cannot leave now: the stop must leave them in the journal, not drop them.
            load.pauseDeliveries(true);
            Thread.sleep(150);
            int exit = gateway.terminate();
            int refusedWhileStopping = load.refusals(SmppStatus.ESME_RX_T_APPN);
            load.pauseDeliveries(false);
            gateway.start();
            await(load::allAcknowledged, "every query acknowledged");
            awaitQuietly(() -> load.lost().isEmpty());
            double replayed = gateway.metric("cxmyd_journal_replayed_total");

            figures("SIGTERM", 1, load, replayed, gateway);
            assertThat(exit).as("exit status after SIGTERM").isZero();
            assertThat(refusedWhileStopping).as("queries refused with ESME_RX_T_APPN while draining").isPositive();
            assertThat(load.lost()).as("acknowledged and never answered").isEmpty();
            assertThat(replayed).as("replies left pending by the stop, sent after the restart").isPositive();
            assertThat(load.duplicates()).as("a clean stop writes every done record").isZero();
        }
    }

    /** The port is fixed when the process object is built, so the client can be created first. */
    private static int waitPort(GatewayProcess gateway) {
        return gateway.smppPort;
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

    private static void figures(String fault, int times, LoadClient load, double replayed, GatewayProcess gateway)
            throws IOException, InterruptedException {
        double commits = gateway.metric("cxmyd_journal_commit_seconds_count");
        double mean = commits == 0 ? 0 : gateway.metric("cxmyd_journal_commit_seconds_sum") / commits;
        String line = ("%s %s: queries=%d, faults=%d, acknowledged=%d, replied=%d, duplicates=%d, lost=%d, replayed=%d,"
                + " refused=%s, last run's commit mean=%.2f ms max=%.2f ms over %d commits%n")
                .formatted(Instant.now(), fault, load.count, times, load.acknowledged(), load.replied(),
                        load.duplicates(), load.lost().size(), (long) replayed, load.refusals(), mean * 1000,
                        gateway.metric("cxmyd_journal_commit_seconds_max") * 1000, (long) commits);
        System.out.print(line);
        Files.writeString(Path.of("target", "reliability-figures.txt"), line, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}

package io.cxmyd.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's log as a process writes it (docs/operations.md, "Logs"), through the queue in front of the console.
 *
 * <p>A gateway whose standard output nobody reads (a log reader that stopped: a full pipe to journald, a container's
 * log driver, a paused terminal) answers every query, and counts the log lines it had to drop
 * (docs/operations.md, "Logs"). Before the queue in front of the console, the thread that answers queries
 * blocked on its write of a query line once the pipe's 64 KiB were full, and every later query went unanswered.
 */
class LogOutputIntegrationTests {

    /** Enough query lines to fill the pipe (about 400) and then the log queue's 8,192 places. */
    private static final int QUERIES = 12_000;
    private static final Duration ALL_IN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void everyQueryIsAnsweredWhileNobodyReadsTheLogAndTheDroppedLinesAreCounted() throws Exception {
        try (GatewayProcess gateway = new GatewayProcess(dir, "");
             LoadClient load = new LoadClient(gateway.smppPort, QUERIES)) {
            gateway.startWithOutputUnread();
            load.start(4);

            awaitQuietly(() -> load.allAcknowledged() && load.replied() >= QUERIES);

            assertThat(load.acknowledged()).as("queries acknowledged").isEqualTo(QUERIES);
            assertThat(load.lost()).as("acknowledged and never answered").isEmpty();
            assertThat(gateway.metric("cxmyd_log_lines_dropped_total")).as("query lines dropped, counted")
                    .isPositive();
        }
    }

    @Test
    void aStoppedGatewaysOutputHasEveryQueryLineAndEndsWithStopped() throws Exception {
        try (GatewayProcess gateway = new GatewayProcess(dir, "");
             LoadClient load = new LoadClient(gateway.smppPort, 200)) {
            gateway.start();
            load.start(2);
            awaitQuietly(() -> load.replied() >= 200);
            assertThat(load.replied()).isEqualTo(200);

            assertThat(gateway.terminate()).as("exit status").isZero();

            List<String> lines = Files.readAllLines(gateway.lastOutput());
            assertThat(lines.stream().filter(l -> l.contains(" cxmyd.query - query ")).count())
                    .as("query lines").isEqualTo(200);
            assertThat(lines.get(lines.size() - 1)).as("the last line").endsWith(" - stopped");
        }
    }

    /** Lets the replies come in; the assertions after it say what is missing. */
    private static void awaitQuietly(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_IN.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}

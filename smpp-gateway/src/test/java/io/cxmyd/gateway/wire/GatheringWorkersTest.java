package io.cxmyd.gateway.wire;

import static io.cxmyd.gateway.wire.RecordingSocket.pdu;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatheringWorkersTest {

    private final RecordingSocket socket = new RecordingSocket();
    private final GatheringOutputStream out = new GatheringOutputStream(socket, 64 * 1024);
    private final GatheringWorkers workers = new GatheringWorkers(1, 100, Thread::new);

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void whatQueuedTasksWriteLeavesInOneWriteWhenTheQueueRunsDry() throws InterruptedException {
        queueBehindALatch(6).countDown();
        Await.until("a write", () -> !socket.writes.isEmpty(), Duration.ofSeconds(5));
        assertThat(socket.writes).containsExactly(expected(0, 6));
    }

    @Test
    void underASteadyBacklogAWorkerStillWritesOutEverySixteenTasks() throws InterruptedException {
        queueBehindALatch(20).countDown();
        Await.until("two writes", () -> socket.writes.size() == 2, Duration.ofSeconds(5));
        assertThat(socket.writes).containsExactly(expected(0, GatheringWorkers.FLUSH_EVERY),
                expected(GatheringWorkers.FLUSH_EVERY, 20));
    }

    @Test
    void aWorkerThatStopsWritesOutWhatItHeld() throws InterruptedException {
        CountDownLatch latch = queueBehindALatch(3);
        workers.shutdown();
        latch.countDown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.all()).isEqualTo(expected(0, 3));
    }

    /** Queues {@code n} tasks writing t0, t1, ...; the first waits for the latch returned. */
    private CountDownLatch queueBehindALatch(int n) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        workers.execute(() -> {
            started.countDown();
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send("t0");
        });
        started.await();
        for (int i = 1; i < n; i++) {
            String s = "t" + i;
            workers.execute(() -> send(s));
        }
        return latch;
    }

    private static String expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "t" + i).collect(Collectors.joining());
    }

    private void send(String s) {
        try {
            out.write(pdu(s));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.cxmyd.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final InFlight inFlight = new InFlight();

    @Test
    void countsTheMeasuredQueriesStillWaitingOnly() {
        InFlight.Query warmUp = query("13800138000", false);
        InFlight.Query first = query("13800138000", true);
        InFlight.Query refused = query("13900139000", true);
        InFlight.Query other = query("13700137000", true);
        inFlight.add(warmUp);
        inFlight.add(first);
        inFlight.add(refused);
        inFlight.add(other);
        assertThat(inFlight.waitingMeasured()).isEqualTo(3);

        assertThat(inFlight.answered("13800138000")).as("the oldest query of the sender").isSameAs(warmUp);
        assertThat(inFlight.remove(refused)).isTrue();
        assertThat(inFlight.remove(warmUp)).as("answered already: its place went with the reply").isFalse();
        assertThat(inFlight.waitingMeasured()).isEqualTo(2);
        assertThat(inFlight.answered("13800138000")).isSameAs(first);
        assertThat(inFlight.answered("13800138000")).as("a reply nobody waited for").isNull();
        assertThat(inFlight.waitingMeasured()).isEqualTo(1);
    }

    /**
     * The load run counts what is still waiting while late replies arrive. Walking a sender's queue while a
     * reply's thread polled it threw NullPointerException (a bench run that ended with an error instead of
     * its figures).
     */
    @Test
    void countingWhileRepliesArriveNeverFails() {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                for (int i = 0; i < 8; i++) {
                    inFlight.add(query("1380013800" + i, true));
                    inFlight.add(query("1380013800" + i, false));
                }
                for (int i = 0; i < 8; i++) {
                    inFlight.answered("1380013800" + i);
                    inFlight.answered("1380013800" + i);
                }
            }
        });
        try {
            for (int i = 0; i < 200_000; i++) {
                assertThat(inFlight.waitingMeasured()).isBetween(0L, 8L);
            }
        } finally {
            stop.set(true);
            traffic.join();
        }
    }

    private static InFlight.Query query(String from, boolean measured) {
        return new InFlight.Query(from, 0, measured, false, null);
    }
}

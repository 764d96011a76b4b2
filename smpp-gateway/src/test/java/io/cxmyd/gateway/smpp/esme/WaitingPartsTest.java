package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parts waiting for a window slot, against a fake link whose slots the test frees. The recheck is an hour:
 * a part written here was woken by {@link WaitingParts#slotFreed}, not by the safety net.
 */
class WaitingPartsTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final SubmitWindow window = new SubmitWindow(1);
    private final BlockingQueue<Written> written = new LinkedBlockingQueue<>();
    private volatile boolean bound = true;
    private WaitingParts parts;

    private record Written(OutboundPart part, CompletableFuture<DeliveryResult> response) {
    }

    /** The link: NO_BIND unbound, null with the window full, else a stage the test completes. */
    private CompletableFuture<DeliveryResult> trySend(OutboundPart part) {
        if (!bound) {
            return CompletableFuture.completedFuture(DeliveryResult.NO_BIND);
        }
        if (!window.tryAcquire()) {
            return null;
        }
        CompletableFuture<DeliveryResult> response = new CompletableFuture<>();
        written.add(new Written(part, response));
        return response;
    }

    @AfterEach
    void close() {
        if (parts != null) {
            parts.close();
        }
    }

    private WaitingParts started() {
        parts = new WaitingParts("cm", this::trySend, NEVER);
        parts.start();
        return parts;
    }

    private static OutboundPart part(String to) {
        return new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of(to), (byte) 0, (byte) 8,
                new byte[] {0, 0x41}, null, null);
    }

    private Written nextWritten() throws InterruptedException {
        Written w = written.poll(10, TimeUnit.SECONDS);
        assertThat(w).as("a part written within 10 s").isNotNull();
        return w;
    }

    private void answer(Written w) {
        window.release();
        w.response().complete(DeliveryResult.DELIVERED);
        parts.slotFreed();
    }

    @Test
    void aPartWaitsWithoutBlockingItsCallerAndIsWrittenInTurnAsSlotsFree() throws Exception {
        WaitingParts p = started();
        assertThat(window.tryAcquire()).as("the only slot taken").isTrue();

        CompletableFuture<DeliveryResult> first = p.add(part("13800000001"));
        CompletableFuture<DeliveryResult> second = p.add(part("13800000002"));

        assertThat(first).isNotDone();
        assertThat(p.any()).isTrue();
        assertThat(p.waiting()).isEqualTo(2);
        window.release();
        p.slotFreed();
        Written w1 = nextWritten();
        assertThat(w1.part().destination().address()).isEqualTo("13800000001");
        assertThat(first).as("done when its submit_sm is answered, not when written").isNotDone();
        assertThat(written.poll()).as("the second waits for the next slot").isNull();

        answer(w1);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.DELIVERED);
        Written w2 = nextWritten();
        assertThat(w2.part().destination().address()).isEqualTo("13800000002");
        w2.response().complete(DeliveryResult.LINK_ERROR);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.LINK_ERROR);
        assertThat(p.any()).isFalse();
    }

    @Test
    void withNoSessionBoundAWaitingPartEndsNoBind() throws Exception {
        WaitingParts p = started();
        assertThat(window.tryAcquire()).isTrue();
        CompletableFuture<DeliveryResult> waiting = p.add(part("13800000001"));

        bound = false;
        p.slotFreed();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.NO_BIND);
    }

    @Test
    void closingEndsWhatWaitsAndWhatComesAfterAsALinkError() throws Exception {
        WaitingParts p = started();
        assertThat(window.tryAcquire()).isTrue();
        CompletableFuture<DeliveryResult> a = p.add(part("13800000001"));
        CompletableFuture<DeliveryResult> b = p.add(part("13800000002"));

        p.close();

        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.LINK_ERROR);
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.LINK_ERROR);
        assertThat(p.add(part("13800000003")).get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryResult.LINK_ERROR);
        assertThat(p.any()).isFalse();
        assertThat(written).isEmpty();
    }

    /**
     * Four threads hand parts over while a fifth answers them one slot at a time and wakes the waiting thread,
     * racing its failed tries: a wake-up lost there would leave a part for the hour-long recheck.
     */
    @Test
    void noWakeUpIsLostWhenSlotsFreeWhileTheWaitingThreadLooks() throws Exception {
        WaitingParts p = started();
        assertThat(window.tryAcquire()).isTrue();
        int perThread = 2_500;
        List<CompletableFuture<DeliveryResult>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        Thread responder = new Thread(() -> {
            try {
                window.release();
                p.slotFreed();
                for (int i = 0; i < 4 * perThread; i++) {
                    Written w = written.poll(10, TimeUnit.SECONDS);
                    if (w == null) {
                        return;
                    }
                    answer(w);
                    answered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "responder");
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    results.add(p.add(part("13800000001")));
                }
            }, "sender-" + t));
        }

        senders.forEach(Thread::start);
        responder.start();
        for (Thread s : senders) {
            s.join(10_000);
        }
        responder.join(60_000);

        assertThat(answered.get()).as("every part written and answered, none left waiting").isEqualTo(4 * perThread);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(results).allMatch(r -> r.join() == DeliveryResult.DELIVERED);
        assertThat(p.waiting()).isZero();
    }
}

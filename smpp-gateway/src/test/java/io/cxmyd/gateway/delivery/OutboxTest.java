package io.cxmyd.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against a scripted carrier: the carrier is a pure collaborator here, the SMPP path has its own tests. */
class OutboxTest {

    private final ScriptedLinks links = new ScriptedLinks();
    private final Recorder recorder = new Recorder();
    private Outbox outbox;

    private void start(Duration validity, int capacity) {
        OutboxOptions opts = new OutboxOptions(validity, Duration.ofMillis(5), Duration.ofMillis(20), capacity, 2,
                Duration.ofSeconds(30));
        outbox = new Outbox(links, Map.of("cm", opts), recorder);
        outbox.start();
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    private static Reply reply(String text, int parts) {
        List<OutboundPart> list = new ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            list.add(new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of("13800138000"), (byte) 0,
                    (byte) 8, (text + i).getBytes(), null, null));
        }
        return new Reply("cm", list, Instant.now(), "served");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(2);
        }
    }

    @Test
    void partsAreDeliveredInOrderAndTheReplyCountsOnce() throws Exception {
        start(Duration.ofSeconds(10), 100);
        outbox.submit(reply("a", 3));
        await(() -> recorder.delivered.size() == 1);
        assertThat(links.sent).containsExactly("a1", "a2", "a3");
        assertThat(recorder.retried).isEmpty();
    }

    @Test
    void temporaryErrorIsRetriedFromThePartThatFailed() throws Exception {
        links.script.add(DeliveryResult.DELIVERED);
        links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RTHROTTLED));
        links.script.add(DeliveryResult.TIMEOUT);
        start(Duration.ofSeconds(10), 100);
        outbox.submit(reply("b", 2));
        await(() -> recorder.delivered.size() == 1);
        assertThat(links.sent).containsExactly("b1", "b2", "b2", "b2");
        assertThat(recorder.retried).hasSize(2);
    }

    @Test
    void permanentErrorIsNotRetried() throws Exception {
        links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        start(Duration.ofSeconds(10), 100);
        outbox.submit(reply("c", 1));
        await(() -> recorder.rejected.size() == 1);
        assertThat(links.sent).containsExactly("c1");
        assertThat(recorder.delivered).isEmpty();
    }

    @Test
    void replyThatKeepsFailingExpiresAtTheEndOfItsValidity() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RMSGQFUL));
        }
        start(Duration.ofMillis(200), 100);
        outbox.submit(reply("d", 1));
        await(() -> recorder.expired.size() == 1);
        assertThat(recorder.expired).containsExactly("validity");
        assertThat(recorder.retried).isNotEmpty();
        assertThat(recorder.delivered).isEmpty();
    }

    @Test
    void replyWaitsForAReceiverBindAndGoesWhenOneBinds() throws Exception {
        links.bound = false;
        start(Duration.ofSeconds(10), 100);
        outbox.submit(reply("e", 1));
        await(() -> outbox.depth("cm") == 1 && links.canDeliverCalls > 0);
        assertThat(links.sent).isEmpty();
        links.bound = true;
        outbox.bindAvailable("cm");
        await(() -> recorder.delivered.size() == 1);
        assertThat(links.sent).containsExactly("e1");
    }

    @Test
    void replyWaitingForABindExpiresWhenNoneComes() throws Exception {
        links.bound = false;
        OutboxOptions opts = new OutboxOptions(Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofMillis(20),
                10, 1, Duration.ofMillis(20));
        outbox = new Outbox(links, Map.of("cm", opts), recorder);
        outbox.start();
        outbox.submit(reply("f", 1));
        await(() -> recorder.expired.size() == 1);
        assertThat(recorder.expired).containsExactly("no_bind");
    }

    @Test
    void fullQueueRefusesAndCountsTheReply() throws Exception {
        links.bound = false;
        start(Duration.ofSeconds(10), 2);
        assertThat(outbox.submit(reply("g", 1))).isTrue();
        assertThat(outbox.submit(reply("h", 1))).isTrue();
        assertThat(outbox.hasRoom("cm")).isFalse();
        assertThat(outbox.submit(reply("i", 1))).isFalse();
        assertThat(recorder.expired).containsExactly("queue_full");
    }

    @Test
    void closeEndsEveryWaitingReplyAsExpired() throws Exception {
        links.bound = false;
        start(Duration.ofSeconds(10), 10);
        outbox.submit(reply("j", 1));
        outbox.submit(reply("k", 1));
        outbox.close();
        assertThat(recorder.expired).containsExactly("shutdown", "shutdown");
        outbox = null;
    }

    @Test
    void backoffDoublesUpToTheCap() {
        OutboxOptions o = new OutboxOptions(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30),
                1, 1, Duration.ofSeconds(1));
        assertThat(o.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(o.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.backoff(60)).isEqualTo(Duration.ofSeconds(30));
    }

    private static final class ScriptedLinks implements CarrierLinks {
        final ConcurrentLinkedQueue<DeliveryResult> script = new ConcurrentLinkedQueue<>();
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean bound = true;
        volatile int canDeliverCalls;

        @Override
        public DeliveryResult deliver(OutboundPart part) {
            sent.add(new String(part.shortMessage()));
            DeliveryResult r = script.poll();
            return r == null ? DeliveryResult.DELIVERED : r;
        }

        @Override
        public boolean canDeliver(String carrierId) {
            canDeliverCalls++;
            return bound;
        }
    }

    private static final class Recorder implements DeliveryListener {
        final List<Reply> delivered = new CopyOnWriteArrayList<>();
        final List<DeliveryResult> retried = new CopyOnWriteArrayList<>();
        final List<String> expired = new CopyOnWriteArrayList<>();
        final List<DeliveryResult> rejected = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(Reply reply, Duration endToEnd) {
            delivered.add(reply);
        }

        @Override
        public void retried(Reply reply, DeliveryResult result) {
            retried.add(result);
        }

        @Override
        public void expired(Reply reply, Expiry why) {
            expired.add(why.label());
        }

        @Override
        public void rejected(Reply reply, DeliveryResult result) {
            rejected.add(result);
        }
    }
}

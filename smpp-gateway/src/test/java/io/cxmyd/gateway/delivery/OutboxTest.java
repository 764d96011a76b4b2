package io.cxmyd.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against a scripted carrier, on a hand-moved clock: no sender threads, the test runs their step
 * ({@link Outbox#sendDue()}) itself. The carrier is a pure collaborator here, the SMPP path has its own tests.
 */
class OutboxTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-21T01:30:00Z");

    private final ScriptedLinks links = new ScriptedLinks();
    private final Recorder recorder = new Recorder();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final Clock clock = Clock.fixed(ARRIVED.plusMillis(250), ZoneOffset.UTC);
    private Outbox outbox;

    private Outbox outbox(Duration validity, int capacity, Duration noBindRecheck) {
        OutboxOptions opts = new OutboxOptions(validity, Duration.ofMillis(5), Duration.ofMillis(20), capacity, 2,
                noBindRecheck);
        outbox = new Outbox(links, Map.of("cm", opts), recorder, ticker, clock);
        return outbox;
    }

    private Outbox outbox(Duration validity, int capacity) {
        return outbox(validity, capacity, Duration.ofSeconds(30));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
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
        return new Reply("cm", list, ARRIVED, "served");
    }

    @Test
    void partsAreDeliveredInOrderAndTheReplyCountsOnce() {
        outbox(Duration.ofSeconds(10), 100).submit(reply("a", 3));

        assertThat(outbox.sendDue()).isEqualTo(1);
        assertThat(links.sent).containsExactly("a1", "a2", "a3");
        assertThat(recorder.delivered).hasSize(1);
        assertThat(recorder.endToEnd).containsExactly(Duration.ofMillis(250));
        assertThat(recorder.retried).isEmpty();
        assertThat(outbox.sendDue()).isZero();
    }

    @Test
    void temporaryErrorIsRetriedFromThePartThatFailedAfterItsBackoff() {
        links.script.add(DeliveryResult.DELIVERED);
        links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RTHROTTLED));
        links.script.add(DeliveryResult.TIMEOUT);
        outbox(Duration.ofSeconds(10), 100).submit(reply("b", 2));

        outbox.sendDue();
        assertThat(links.sent).containsExactly("b1", "b2");
        advance(Duration.ofMillis(4));
        assertThat(outbox.sendDue()).as("not due before the first backoff (5ms)").isZero();
        advance(Duration.ofMillis(1));
        outbox.sendDue();
        assertThat(links.sent).containsExactly("b1", "b2", "b2");
        advance(Duration.ofMillis(9));
        assertThat(outbox.sendDue()).as("the second backoff is doubled (10ms)").isZero();
        advance(Duration.ofMillis(1));
        outbox.sendDue();

        assertThat(links.sent).containsExactly("b1", "b2", "b2", "b2");
        assertThat(recorder.retried).hasSize(2);
        assertThat(recorder.delivered).hasSize(1);
    }

    @Test
    void permanentErrorIsNotRetried() {
        links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        outbox(Duration.ofSeconds(10), 100).submit(reply("c", 1));

        outbox.sendDue();
        advance(Duration.ofSeconds(1));
        outbox.sendDue();

        assertThat(links.sent).containsExactly("c1");
        assertThat(recorder.rejected).hasSize(1);
        assertThat(recorder.delivered).isEmpty();
        assertThat(outbox.hasRoom("cm")).isTrue();
    }

    @Test
    void replyThatKeepsFailingExpiresAtTheEndOfItsValidity() {
        for (int i = 0; i < 1_000; i++) {
            links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RMSGQFUL));
        }
        outbox(Duration.ofMillis(200), 100).submit(reply("d", 1));

        for (int ms = 0; ms <= 200 && recorder.expired.isEmpty(); ms++) {
            outbox.sendDue();
            advance(Duration.ofMillis(1));
        }

        assertThat(recorder.expired).containsExactly(Expiry.VALIDITY);
        assertThat(recorder.retried).isNotEmpty();
        assertThat(recorder.delivered).isEmpty();
    }

    @Test
    void aCarrierThatAsksToSlowDownGetsNothingAtAllForTheBackoff() {
        links.script.add(DeliveryResult.rejected(SmppStatus.ESME_RTHROTTLED));
        outbox(Duration.ofSeconds(10), 100);
        outbox.submit(reply("e", 1));
        outbox.sendDue();
        outbox.submit(reply("f", 1));

        outbox.sendDue();
        assertThat(links.sent).as("the other reply waits for the carrier's pause too").containsExactly("e1");
        advance(Duration.ofMillis(5));
        outbox.sendDue();

        assertThat(links.sent).containsExactlyInAnyOrder("e1", "e1", "f1");
        assertThat(recorder.delivered).hasSize(2);
    }

    @Test
    void replyWaitsForAReceiverBindAndGoesWhenOneBinds() {
        links.bound = false;
        outbox(Duration.ofSeconds(10), 100).submit(reply("g", 1));
        outbox.sendDue();
        assertThat(outbox.depth("cm")).isEqualTo(1);
        assertThat(links.sent).isEmpty();

        links.bind("cm");

        assertThat(outbox.sendDue()).as("due at once, not at the next recheck").isEqualTo(1);
        assertThat(links.sent).containsExactly("g1");
        assertThat(recorder.delivered).hasSize(1);
    }

    @Test
    void replyWaitingForABindExpiresWhenNoneComes() {
        links.bound = false;
        outbox(Duration.ofMillis(100), 10, Duration.ofMillis(20)).submit(reply("h", 1));

        for (int i = 0; i <= 6 && recorder.expired.isEmpty(); i++) {
            outbox.sendDue();
            advance(Duration.ofMillis(20));
        }

        assertThat(recorder.expired).containsExactly(Expiry.NO_BIND);
        assertThat(outbox.hasRoom("cm")).isTrue();
    }

    @Test
    void fullQueueRefusesAndCountsTheReply() {
        links.bound = false;
        outbox(Duration.ofSeconds(10), 2);
        assertThat(outbox.submit(reply("i", 1))).isTrue();
        assertThat(outbox.submit(reply("j", 1))).isTrue();
        outbox.sendDue(); // both taken and put back to wait for a bind: still held

        assertThat(outbox.hasRoom("cm")).isFalse();
        assertThat(outbox.submit(reply("k", 1))).isFalse();
        assertThat(recorder.expired).containsExactly(Expiry.QUEUE_FULL);
    }

    @Test
    void theReplyOfAnAcknowledgedQueryIsQueuedPastTheCapacityWhileNewQueriesAreStillPushedBack() {
        links.bound = false;
        outbox(Duration.ofSeconds(10), 2);
        outbox.send(reply("i", 1));
        outbox.send(reply("j", 1));
        outbox.sendDue();

        outbox.send(reply("k", 1));

        assertThat(recorder.expired).as("nothing acknowledged is dropped").isEmpty();
        assertThat(outbox.depth("cm")).isEqualTo(3);
        assertThat(outbox.hasRoom("cm")).as("new queries are still refused").isFalse();
        links.bound = true;
        outbox.bindAvailable("cm");
        outbox.sendDue();
        assertThat(links.sent).hasSize(3);
    }

    @Test
    void aReplyBeingSentStillTakesItsPlace() {
        List<Boolean> roomWhileSending = new ArrayList<>();
        links.onDeliver = part -> roomWhileSending.add(outbox.hasRoom("cm"));
        outbox(Duration.ofSeconds(10), 1).submit(reply("l", 1));

        outbox.sendDue();

        assertThat(roomWhileSending).containsExactly(false);
        assertThat(outbox.hasRoom("cm")).isTrue();
    }

    @Test
    void closeEndsEveryWaitingReplyAsExpiredByShutdown() {
        links.bound = false;
        outbox(Duration.ofSeconds(10), 10);
        outbox.submit(reply("m", 1));
        outbox.submit(reply("n", 1));
        outbox.sendDue();

        outbox.close();
        outbox = null;

        assertThat(recorder.expired).containsExactly(Expiry.SHUTDOWN, Expiry.SHUTDOWN);
        assertThat(Expiry.SHUTDOWN.endsQuery()).as("the journal keeps these for the next start").isFalse();
    }

    @Test
    void startedSendersDeliverOnTheirOwnThreads() throws Exception {
        CountDownLatch delivered = new CountDownLatch(1);
        recorder.onDelivered = delivered::countDown;
        OutboxOptions opts = new OutboxOptions(Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofMillis(20),
                10, 2, Duration.ofSeconds(1));
        outbox = new Outbox(links, Map.of("cm", opts), recorder);
        outbox.start();

        outbox.submit(reply("o", 2));

        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(links.sent).containsExactly("o1", "o2");
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
        final List<Consumer<String>> receiving = new CopyOnWriteArrayList<>();
        volatile boolean bound = true;
        volatile Consumer<OutboundPart> onDeliver = part -> {
        };

        @Override
        public DeliveryResult deliver(OutboundPart part) {
            onDeliver.accept(part);
            sent.add(new String(part.shortMessage()));
            DeliveryResult r = script.poll();
            return r == null ? DeliveryResult.DELIVERED : r;
        }

        @Override
        public boolean canDeliver(String carrierId) {
            return bound;
        }

        @Override
        public void onReceiving(Consumer<String> carrierUp) {
            receiving.add(carrierUp);
        }

        void bind(String carrierId) {
            bound = true;
            receiving.forEach(c -> c.accept(carrierId));
        }
    }

    private static final class Recorder implements DeliveryListener {
        final List<Reply> delivered = new CopyOnWriteArrayList<>();
        final List<Duration> endToEnd = new CopyOnWriteArrayList<>();
        final List<DeliveryResult> retried = new CopyOnWriteArrayList<>();
        final List<Expiry> expired = new CopyOnWriteArrayList<>();
        final List<DeliveryResult> rejected = new CopyOnWriteArrayList<>();
        volatile Runnable onDelivered = () -> {
        };

        @Override
        public void delivered(Reply reply, Duration endToEnd) {
            delivered.add(reply);
            this.endToEnd.add(endToEnd);
            onDelivered.run();
        }

        @Override
        public void retried(Reply reply, DeliveryResult result) {
            retried.add(result);
        }

        @Override
        public void expired(Reply reply, Expiry why) {
            expired.add(why);
        }

        @Override
        public void rejected(Reply reply, DeliveryResult result) {
            rejected.add(result);
        }
    }
}

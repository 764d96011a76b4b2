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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox over links that pipeline: parts are written without a thread waiting for their response, and the
 * test plays the carrier's responses by completing them. No sender threads run (the outbox is not started):
 * what the test sees written was written by the thread that queued the reply, or by the completion of a response.
 */
class PipelinedOutboxTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-21T01:30:00Z");

    private final Carrier carrier = new Carrier();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private Outbox outbox;

    private Outbox outbox(int window) {
        return outbox(window, 100);
    }

    private Outbox outbox(int window, int capacity) {
        OutboxOptions opts = new OutboxOptions(Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofMillis(20),
                capacity, window, Duration.ofSeconds(30));
        outbox = new Outbox(carrier, Map.of("cm", opts), new DeliveryListener() {
            @Override
            public void delivered(Reply reply, Duration endToEnd) {
                ended.add("delivered " + reply.kind());
            }

            @Override
            public void retried(Reply reply, DeliveryResult result) {
                ended.add("retried " + reply.kind());
            }

            @Override
            public void expired(Reply reply, Expiry why) {
                ended.add("expired " + reply.kind());
            }

            @Override
            public void rejected(Reply reply, DeliveryResult result) {
                ended.add("rejected " + reply.kind());
            }
        }, ticker, Clock.fixed(ARRIVED, ZoneOffset.UTC));
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void theQueuingThreadWritesAtOnceAndAFullWindowQueuesTheRest() {
        outbox(2);
        outbox.submit(reply("a", 1));
        outbox.submit(reply("b", 1));
        outbox.submit(reply("c", 1));

        assertThat(carrier.written()).as("two places in the window, no sender thread").containsExactly("a1", "b1");
        assertThat(outbox.depth("cm")).isEqualTo(1);

        carrier.answer("a1", DeliveryResult.DELIVERED);
        assertThat(ended).containsExactly("delivered a");
        assertThat(carrier.written()).as("the thread that read a's response writes c in the place a gave back")
                .containsExactly("a1", "b1", "c1");
        assertThat(outbox.depth("cm")).isZero();
        assertThat(outbox.sendDue()).as("nothing left for a sender thread").isZero();
    }

    @Test
    void aNoticeThatFindsTheWindowFullGoesAheadOfTheRepliesWaitingForAPlace() {
        outbox(1);
        outbox.submit(reply("a", 1));
        outbox.submit(reply("b", 1));
        outbox.submit(reply("c", 1));
        outbox.submitFirst(reply("n", 1));

        carrier.answer("a1", DeliveryResult.DELIVERED);
        assertThat(carrier.written()).containsExactly("a1", "n1");
        carrier.answer("n1", DeliveryResult.DELIVERED);
        carrier.answer("b1", DeliveryResult.DELIVERED);
        assertThat(carrier.written()).containsExactly("a1", "n1", "b1", "c1");
    }

    @Test
    void repliesThatEndAtOnceHandTheirPlaceOnInALoopNotARecursion() {
        // Deep enough that one stack frame chain per reply would overflow the stack.
        int waiting = 20_000;
        outbox(1, waiting + 1);
        outbox.submit(reply("a", 1));
        for (int i = 0; i < waiting; i++) {
            outbox.submit(reply("x" + i, 1));
        }
        carrier.failAtOnce(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));

        carrier.answer("a1", DeliveryResult.DELIVERED);
        assertThat(ended).hasSize(waiting + 1).startsWith("delivered a").endsWith("rejected x" + (waiting - 1));
        assertThat(outbox.depth("cm")).isZero();
    }

    @Test
    void aReplyHasOnePartOutstandingAtATimeAndEndsWithItsLastResponse() {
        outbox(4);
        outbox.submit(reply("a", 3));

        assertThat(carrier.written()).containsExactly("a1");
        carrier.answer("a1", DeliveryResult.DELIVERED);
        assertThat(carrier.written()).as("the next part goes when the carrier answered the last").containsExactly(
                "a1", "a2");
        carrier.answer("a2", DeliveryResult.DELIVERED);
        assertThat(ended).isEmpty();
        carrier.answer("a3", DeliveryResult.DELIVERED);
        assertThat(ended).containsExactly("delivered a");
        assertThat(outbox.sendDue()).isZero();
    }

    @Test
    void aRefusedPartIsRetriedFromThatPartAfterTheBackoffAndThePlaceIsFreeMeanwhile() {
        outbox(1);
        outbox.submit(reply("a", 2));
        carrier.answer("a1", DeliveryResult.DELIVERED);
        carrier.answer("a2", DeliveryResult.rejected(SmppStatus.ESME_RSYSERR));
        assertThat(ended).containsExactly("retried a");

        outbox.submit(reply("b", 1));
        assertThat(carrier.written()).as("a waits for its backoff without holding the window").endsWith("b1");
        carrier.answer("b1", DeliveryResult.DELIVERED);

        nanos.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(outbox.sendDue()).isEqualTo(1);
        assertThat(carrier.written()).as("only the part not taken goes again").containsExactly("a1", "a2", "b1",
                "a2");
        carrier.answer("a2", DeliveryResult.DELIVERED);
        assertThat(ended).containsExactly("retried a", "delivered b", "delivered a");
    }

    @Test
    void aThrottledCarrierGetsNothingUntilTheBackoffHasPassed() {
        outbox(2);
        outbox.submit(reply("a", 1));
        carrier.answer("a1", DeliveryResult.rejected(SmppStatus.ESME_RTHROTTLED));

        outbox.submit(reply("b", 1));
        assertThat(carrier.written()).as("b queued behind the pause, not written").containsExactly("a1");
        assertThat(outbox.sendDue()).as("nothing due during the pause").isZero();

        nanos.addAndGet(Duration.ofMillis(5).toNanos());
        outbox.sendDue();
        assertThat(carrier.written()).containsExactlyInAnyOrder("a1", "a1", "b1");
    }

    private static Reply reply(String text, int parts) {
        List<OutboundPart> list = new ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            list.add(new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of("13800138000"), (byte) 0,
                    (byte) 8, (text + i).getBytes(), null, null));
        }
        return new Reply("cm", list, ARRIVED, text);
    }

    /** A carrier whose responses the test gives, one written part at a time. */
    private static final class Carrier implements CarrierLinks {
        private final List<String> written = new CopyOnWriteArrayList<>();
        private final Map<String, CompletableFuture<DeliveryResult>> waiting = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public DeliveryResult deliver(OutboundPart part) {
            throw new AssertionError("the outbox must not wait over links that pipeline");
        }

        private volatile DeliveryResult atOnce;

        /** From now on every part written is answered at once, on the writing thread. */
        void failAtOnce(DeliveryResult result) {
            atOnce = result;
        }

        @Override
        public CompletionStage<DeliveryResult> deliverLater(OutboundPart part) {
            String text = new String(part.shortMessage());
            if (atOnce != null) {
                written.add(text);
                return CompletableFuture.completedFuture(atOnce);
            }
            CompletableFuture<DeliveryResult> response = new CompletableFuture<>();
            assertThat(waiting.putIfAbsent(text, response)).as("one " + text + " outstanding").isNull();
            written.add(text);
            return response;
        }

        @Override
        public boolean pipelines(String carrierId) {
            return true;
        }

        @Override
        public boolean canDeliver(String carrierId) {
            return true;
        }

        List<String> written() {
            return List.copyOf(written);
        }

        void answer(String part, DeliveryResult result) {
            CompletableFuture<DeliveryResult> response = waiting.remove(part);
            assertThat(response).as(part + " was written and is unanswered").isNotNull();
            response.complete(result);
        }
    }
}

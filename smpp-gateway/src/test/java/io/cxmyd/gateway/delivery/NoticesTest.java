package io.cxmyd.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.itinerary.Msisdn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A notice (a verification code) against a carrier that answers one deliver_sm at a time. */
class NoticesTest {

    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<OutboundPart> sent = new CopyOnWriteArrayList<>();
    private volatile boolean bound = true;
    private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

    private final CarrierLinks links = new CarrierLinks() {
        @Override
        public DeliveryResult deliver(OutboundPart part) {
            sent.add(part);
            if (sent.size() == 1) {
                firstHeld.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return DeliveryResult.DELIVERED;
        }

        @Override
        public boolean canDeliver(String carrierId) {
            asked.incrementAndGet();
            return bound;
        }
    };

    private Outbox outbox;

    private void start() {
        // One sender thread: the order of the queue is the order on the wire.
        outbox = new Outbox(links, Map.of("cm", new OutboxOptions(Duration.ofMinutes(5), Duration.ofMillis(5),
                Duration.ofMillis(20), 100, 1, Duration.ofMinutes(1))), DeliveryListener.NONE);
        outbox.start();
    }

    @AfterEach
    void close() {
        release.countDown();
        if (outbox != null) {
            outbox.close();
        }
    }

    private static Reply reply(String subscriber) {
        return new Reply("cm", List.of(new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of(subscriber),
                (byte) 0, (byte) 8, new byte[] {0, 'x'}, null, null)), Instant.now(), "found");
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(sent).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void noticeGoesOutBeforeRepliesAlreadyWaiting() throws Exception {
        start();
        outbox.submit(reply("13900000000"));
        assertThat(firstHeld.await(5, TimeUnit.SECONDS)).isTrue();
        outbox.submit(reply("13900000001"));
        outbox.submit(reply("13900000002"));

        new Notices(outbox, Map.of("cm", Concatenation.UDH))
                .send("cm", "10086", Msisdn.parse("13800138000"), "【中国移动】验证码123456", "web_code");
        release.countDown();
        awaitSent(4);

        assertThat(sent).extracting(p -> p.destination().address())
                .containsExactly("13900000000", "13800138000", "13900000001", "13900000002");
        OutboundPart notice = sent.get(1);
        assertThat(notice.source().address()).isEqualTo("10086");
        assertThat(new String(notice.shortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("【中国移动】验证码123456");
    }

    @Test
    void noticeWaitingForABindLeavesFirstWhenOneComesUp() throws Exception {
        release.countDown();
        bound = false;
        start();
        outbox.submit(reply("13900000001"));
        outbox.submit(reply("13900000002"));
        new Notices(outbox, Map.of("cm", Concatenation.UDH))
                .send("cm", "10086", Msisdn.parse("13800138000"), "验证码123456", "web_code");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (asked.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(2); // until all three were tried and set aside to wait for a bind
        }

        bound = true;
        outbox.bindAvailable("cm");
        awaitSent(3);

        assertThat(sent.get(0).destination().address()).isEqualTo("13800138000");
    }
}

package io.cxmyd.gateway.delivery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.ReplyLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends replies as deliver_sm, one {@link CarrierOutbox} per carrier: a bounded queue, a window of sender
 * threads (jsmpp's deliver call blocks until the response, so concurrency is threads), retries with capped
 * backoff within the validity period, and waiting while the carrier has no receiver bind.
 */
public final class Outbox implements ReplyLinks, AutoCloseable {

    private final Map<String, CarrierOutbox> carriers;

    public Outbox(CarrierLinks links, Map<String, OutboxOptions> optionsByCarrier, DeliveryListener listener) {
        this(links, optionsByCarrier, listener, Ticker.systemTicker(), Clock.systemUTC());
    }

    /**
     * @param ticker the monotonic time of delays and validity
     * @param clock the wall time of end-to-end latency (queries carry the instant they arrived)
     */
    Outbox(CarrierLinks links, Map<String, OutboxOptions> optionsByCarrier, DeliveryListener listener, Ticker ticker,
            Clock clock) {
        Map<String, CarrierOutbox> m = new HashMap<>();
        optionsByCarrier.forEach((id, opts) -> m.put(id, new CarrierOutbox(id, links, opts, listener, ticker, clock)));
        this.carriers = Map.copyOf(m);
        links.onReceiving(this::bindAvailable);
    }

    public void start() {
        carriers.values().forEach(CarrierOutbox::start);
    }

    /** The sender threads' step on the calling thread, for tests without threads: sends what is due now. */
    int sendDue() {
        return carriers.values().stream().mapToInt(CarrierOutbox::sendDue).sum();
    }

    /**
     * Queues a reply. Returns false when its carrier's outbox holds {@code queueCapacity} replies, queued or
     * being sent (the reply is then counted as expired and the caller should push back on the carrier).
     */
    public boolean submit(Reply reply) {
        return outbox(reply.carrierId()).submit(reply);
    }

    /**
     * Queues the reply of a query already acknowledged to the carrier: never dropped for room, or the gateway
     * would break the promise of its ESME_ROK. The room is enforced before a query is accepted ({@link #hasRoom},
     * ESME_RTHROTTLED), so what goes past {@code queueCapacity} here is bounded by the queries accepted in the
     * meantime (the journal's and the workers' queues). Under a burst at the window's ceiling this happened:
     * 3,668 acknowledged queries went unanswered in one run (docs/performance.md, seventh run).
     */
    @Override
    public void send(Reply reply) {
        outbox(reply.carrierId()).submitAccepted(reply);
    }

    /**
     * Queues a notice ahead of the replies waiting for its carrier (a verification code is useless after
     * five minutes, a reply is not): see {@link Notices}.
     */
    public boolean submitFirst(Reply reply) {
        return outbox(reply.carrierId()).submit(reply, true);
    }

    /** Whether the carrier's queue has room: checked before accepting a query, to push back early. */
    @Override
    public boolean hasRoom(String carrierId) {
        return outbox(carrierId).hasRoom();
    }

    /** A receiver bind of the carrier came up: replies waiting for one go now. */
    public void bindAvailable(String carrierId) {
        CarrierOutbox o = carriers.get(carrierId);
        if (o != null) {
            o.wake();
        }
    }

    /** Replies waiting in the carrier's queue, not counting those being sent. */
    public int depth(String carrierId) {
        return outbox(carrierId).depth();
    }

    public Duration oldestAge(String carrierId) {
        return outbox(carrierId).oldestAge();
    }

    public Set<String> carrierIds() {
        return carriers.keySet();
    }

    /**
     * Waits until every queued and in-flight reply has ended or {@code timeout} passes; returns the number
     * still pending. New replies keep being accepted meanwhile (the caller stops taking queries first).
     */
    public int drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int pending;
        while ((pending = pending()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return pending;
    }

    private int pending() {
        return carriers.values().stream().mapToInt(CarrierOutbox::pending).sum();
    }

    private CarrierOutbox outbox(String carrierId) {
        CarrierOutbox o = carriers.get(carrierId);
        if (o == null) {
            throw new IllegalArgumentException("no carrier " + carrierId);
        }
        return o;
    }

    /** Stops the sender threads; replies still queued end as expired ({@link Expiry#SHUTDOWN}). */
    @Override
    public void close() {
        carriers.values().forEach(CarrierOutbox::close);
    }
}

package io.cxmyd.gateway.delivery;

import io.cxmyd.gateway.smpp.CarrierLinks;
import io.cxmyd.gateway.smpp.DeliveryResult;
import io.cxmyd.gateway.smpp.SmppStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier's replies: queue, sender threads, retries, waiting for a bind.
 *
 * <p>Flow control is per carrier, not only per reply: after the carrier answers ESME_RTHROTTLED or
 * ESME_RMSGQFUL, nothing at all goes to it for the backoff of that refusal (growing with the refusals in a row
 * until a part is accepted). Backing off each reply alone would keep the other queued replies, and the rest
 * of the window, hitting a carrier that has just asked us to slow down.
 */
final class CarrierOutbox {

    private static final Logger log = LoggerFactory.getLogger(CarrierOutbox.class);

    /** Longer than any reply's validity: a notice queued now is due before every reply still waiting. */
    static final Duration HEAD_START = Duration.ofDays(1);

    private final String carrierId;
    private final CarrierLinks links;
    private final OutboxOptions options;
    private final DeliveryListener listener;
    private final DelayQueue<Pending> queue = new DelayQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> senders = new ArrayList<>();
    private final AtomicInteger refusalsInARow = new AtomicInteger();
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    CarrierOutbox(String carrierId, CarrierLinks links, OutboxOptions options, DeliveryListener listener) {
        this.carrierId = carrierId;
        this.links = links;
        this.options = options;
        this.listener = listener;
    }

    void start() {
        for (int i = 0; i < options.window(); i++) {
            Thread t = new Thread(this::sendLoop, "outbox-" + carrierId + "-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
    }

    boolean hasRoom() {
        return queued.get() < options.queueCapacity();
    }

    boolean submit(Reply reply) {
        return submit(reply, false);
    }

    /**
     * Queues {@code reply}; a {@code first} one (a notice such as a verification code) is due ahead of every
     * reply queued in the last {@link #HEAD_START}, and again ahead of them when a bind comes up.
     */
    boolean submit(Reply reply, boolean first) {
        if (closed) {
            listener.expired(reply, "shutdown");
            return false;
        }
        if (queued.incrementAndGet() > options.queueCapacity()) {
            queued.decrementAndGet();
            log.warn("[{}] outbox full ({} replies waiting): a reply is dropped", carrierId, options.queueCapacity());
            listener.expired(reply, "queue_full");
            return false;
        }
        long now = System.nanoTime();
        Pending p = new Pending(reply, now, now + options.validity().toNanos(), sequence.incrementAndGet(), first);
        queue.put(p);
        return true;
    }

    /** A bind came up: make everything that waits for one due now. */
    void wake() {
        List<Pending> all = new ArrayList<>();
        queue.drainTo(all, Integer.MAX_VALUE); // only the due ones...
        Pending[] rest = queue.toArray(new Pending[0]);
        for (Pending p : rest) {
            if (p.waitingForBind && queue.remove(p)) {
                all.add(p);
            }
        }
        long now = System.nanoTime();
        for (Pending p : all) {
            p.dueAt = p.first ? now - HEAD_START.toNanos() : now;
            queue.put(p);
        }
    }

    int depth() {
        return queued.get();
    }

    int pending() {
        return queued.get() + inFlight.get();
    }

    Duration oldestAge() {
        long oldest = Long.MAX_VALUE;
        for (Pending p : queue) {
            oldest = Math.min(oldest, p.createdAt);
        }
        return oldest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest);
    }

    private void sendLoop() {
        while (!closed) {
            Pending p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            queued.decrementAndGet();
            inFlight.incrementAndGet();
            try {
                attempt(p);
            } catch (RuntimeException e) {
                // A bug must not kill the sender thread and strand the queue: the reply ends, counted.
                log.error("[{}] sending a reply failed unexpectedly: {}", carrierId, e.toString());
                listener.expired(p.reply, "error");
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void attempt(Pending p) {
        long now = System.nanoTime();
        if (now - p.expiresAt >= 0) {
            listener.expired(p.reply, p.waitingForBind ? "no_bind" : "validity");
            return;
        }
        if (!links.canDeliver(carrierId)) {
            requeue(p, options.noBindRecheck(), true);
            return;
        }
        long paused = pausedUntil.get() - now;
        if (paused > 0) {
            requeue(p, Duration.ofNanos(paused), false); // not an attempt: the carrier asked us to wait
            return;
        }
        while (p.nextPart < p.reply.parts().size()) {
            DeliveryResult r = links.deliver(p.reply.parts().get(p.nextPart));
            if (r.kind() == DeliveryResult.Kind.DELIVERED) {
                refusalsInARow.set(0);
                p.nextPart++;
                continue;
            }
            if (r.kind() == DeliveryResult.Kind.NO_BIND) {
                requeue(p, options.noBindRecheck(), true);
                return;
            }
            if (!r.retryable()) {
                log.info("[{}] reply rejected by the carrier: {}", carrierId, r.status());
                listener.rejected(p.reply, r);
                return;
            }
            if (isFlowControl(r)) {
                pauseCarrier(options.backoff(refusalsInARow.incrementAndGet()));
            }
            p.attempts++;
            Duration delay = options.backoff(p.attempts);
            if (System.nanoTime() + delay.toNanos() - p.expiresAt >= 0) {
                listener.expired(p.reply, "validity");
                return;
            }
            log.debug("[{}] temporary delivery error {} / {}: retry {} in {}", carrierId, r.kind(), r.status(),
                    p.attempts, delay);
            listener.retried(p.reply, r);
            requeue(p, delay, false);
            return;
        }
        listener.delivered(p.reply, Duration.between(p.reply.receivedAt(), Instant.now()));
    }

    private static boolean isFlowControl(DeliveryResult r) {
        return r.kind() == DeliveryResult.Kind.REJECTED
                && (r.status() == SmppStatus.ESME_RTHROTTLED || r.status() == SmppStatus.ESME_RMSGQFUL);
    }

    /** Nothing goes to the carrier for {@code delay}; a longer pause already set stays. */
    private void pauseCarrier(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed - current > 0 ? proposed : current);
    }

    private void requeue(Pending p, Duration delay, boolean waitingForBind) {
        p.dueAt = System.nanoTime() + delay.toNanos();
        p.waitingForBind = waitingForBind;
        queued.incrementAndGet();
        queue.put(p);
    }

    void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        for (Thread t : senders) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Pending p;
        while ((p = queue.poll()) != null || (p = pollAny()) != null) {
            queued.decrementAndGet();
            listener.expired(p.reply, "shutdown");
        }
    }

    private Pending pollAny() {
        for (Pending p : queue) {
            if (queue.remove(p)) {
                return p;
            }
        }
        return null;
    }

    /** A reply in the queue; mutable fields are only touched by the one thread that holds it. */
    private static final class Pending implements Delayed {
        final Reply reply;
        final long createdAt;
        final long expiresAt;
        final long seq;
        volatile long dueAt;
        int nextPart;
        int attempts;
        boolean waitingForBind;

        final boolean first;

        Pending(Reply reply, long createdAt, long expiresAt, long seq, boolean first) {
            this.reply = reply;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
            this.seq = seq;
            this.first = first;
            // The queue is ordered by due time: "due since HEAD_START" puts a notice before every due reply.
            this.dueAt = first ? createdAt - HEAD_START.toNanos() : createdAt;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Pending other = (Pending) o;
            int c = Long.compare(dueAt, other.dueAt);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }
}

package io.cxmyd.gateway.delivery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier's replies: queue, window, sender threads, retries, waiting for a bind.
 *
 * <p>The window counts replies being sent: at most {@code window} at once, each holding a place from its first
 * part written to its last response, with one part outstanding at a time (so at most {@code window} deliver_sm
 * are unanswered, as the carrier's window counts them). Over links that {@link CarrierLinks#pipelines pipeline}, nothing waits for a response: the thread
 * that queues a reply writes it at once when nothing is queued ahead of it and the window has room, and the
 * link's I/O thread ends it. A reply that finds the window full waits {@link WaitingForPlace for a place}, and the
 * thread that frees one (the I/O thread that read the last response) writes it: no thread is woken for it. The
 * sender threads only take what waits for a time (a retry, a pause, no bind). Over blocking links each sender
 * thread holds one reply until its responses, as before.
 *
 * <p>Capacity counts every reply taken and not ended, whether it waits in the queue or is being sent: a reply
 * in flight still occupies its place, so a burst cannot slip in while the senders hold replies between two
 * attempts.
 *
 * <p>Flow control is per carrier, not only per reply ({@link CarrierPause}).
 *
 * <p>Time comes from {@code ticker} (delays, validity) and {@code clock} (end-to-end latency from the query's
 * arrival); {@link #sendDue()} runs the senders' step on the caller's thread, so tests drive it without threads.
 */
final class CarrierOutbox {

    private static final Logger log = LoggerFactory.getLogger(CarrierOutbox.class);

    private final String carrierId;
    private final CarrierLinks links;
    private final OutboxOptions options;
    private final DeliveryListener listener;
    private final Ticker ticker;
    private final Clock clock;
    /** Replies for the sender threads: those due later (a retry, a pause, no bind), and all over blocking links. */
    private final DelayQueue<QueuedReply> queue = new DelayQueue<>();
    /** Over pipelining links, replies due now that found the window full; a freed place goes to them first. */
    private final WaitingForPlace waitingForPlace;
    /** Replies taken and not ended: in the queue or in a sender's hands. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> senders = new ArrayList<>();
    /** Places in the window: a reply takes one before its parts are written and gives it back once it settles. */
    private final Semaphore window;
    private final CarrierPause pause;
    /**
     * Counts {@link #wake()}s. A sender that found no bind reads it before asking and checks it again after putting
     * its reply back: a bind that came up in between woke the queue without that reply in it, which then waited a
     * whole {@code noBindRecheck} and lost a notice's place at the head.
     */
    private final AtomicLong wakes = new AtomicLong();
    private volatile boolean closed;

    CarrierOutbox(String carrierId, CarrierLinks links, OutboxOptions options, DeliveryListener listener,
            Ticker ticker, Clock clock) {
        this.carrierId = carrierId;
        this.links = links;
        this.options = options;
        this.listener = listener;
        this.ticker = ticker;
        this.clock = clock;
        this.pause = new CarrierPause(ticker, options::backoff);
        this.window = new Semaphore(options.window());
        this.waitingForPlace = new WaitingForPlace(window, () -> links.pipelines(carrierId), this::step, queue::put);
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
        return held.get() < options.queueCapacity();
    }

    boolean submit(Reply reply) {
        return submit(reply, false);
    }

    /**
     * Queues {@code reply}; a {@code first} one (a notice such as a verification code) is due ahead of every
     * reply queued in the last {@link QueuedReply#HEAD_START}, and again ahead of them when a bind comes up.
     */
    boolean submit(Reply reply, boolean first) {
        return submit(reply, first, true);
    }

    /** Queues the reply of an acknowledged query, past the capacity if need be ({@link Outbox#send}). */
    void submitAccepted(Reply reply) {
        submit(reply, false, false);
    }

    private boolean submit(Reply reply, boolean first, boolean refuseWhenFull) {
        if (closed) {
            listener.expired(reply, Expiry.SHUTDOWN);
            return false;
        }
        if (held.incrementAndGet() > options.queueCapacity() && refuseWhenFull) {
            held.decrementAndGet();
            log.warn("[{}] outbox full ({} replies held): a reply is dropped", carrierId, options.queueCapacity());
            listener.expired(reply, Expiry.QUEUE_FULL);
            return false;
        }
        long now = ticker.read();
        QueuedReply p = new QueuedReply(reply, now, now + options.validity().toNanos(), sequence.incrementAndGet(), first, ticker);
        // Written from here when nothing waits ahead of it: a hand-over to a sender thread costs a wake-up.
        if (links.pipelines(carrierId) && nothingDue()) {
            if (waitingForPlace.isEmpty() && window.tryAcquire()) {
                step(p);
            } else {
                waitingForPlace.add(p);
            }
        } else {
            queue.put(p);
        }
        return true;
    }

    /** Whether no queued reply is due now (those that wait for a retry or a bind do not count). */
    private boolean nothingDue() {
        QueuedReply head = queue.peek();
        return head == null || head.getDelay(TimeUnit.NANOSECONDS) > 0;
    }

    /** A bind came up: make everything that waits for one due now. */
    void wake() {
        wakes.incrementAndGet(); // before the scan: see waitForBind
        List<QueuedReply> all = new ArrayList<>();
        for (QueuedReply p : queue.toArray(new QueuedReply[0])) {
            if (p.waitingForBind && queue.remove(p)) {
                all.add(p);
            }
        }
        long now = ticker.read();
        for (QueuedReply p : all) {
            p.dueAt = p.first ? now - QueuedReply.HEAD_START.toNanos() : now;
        }
        // Put back in the order they are due: a sender takes each one as soon as it is put, so a reply put back
        // before a notice would leave ahead of it (seen once under load in NoticesTest).
        all.sort(null);
        for (QueuedReply p : all) {
            queue.put(p);
        }
    }

    /** Replies waiting in the queue or for a place (not those being sent). */
    int depth() {
        return queue.size() + waitingForPlace.size();
    }

    /** Replies taken and not ended. */
    int pending() {
        return held.get();
    }

    Duration oldestAge() {
        long oldest = Math.min(QueuedReply.oldestCreatedAt(queue), waitingForPlace.oldestCreatedAt());
        return oldest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(ticker.read() - oldest);
    }

    /** One sender step on the calling thread: sends the replies due now; returns how many it took. */
    int sendDue() {
        int n = 0;
        while (window.tryAcquire()) {
            QueuedReply p = waitingForPlace.poll();
            if (p == null) {
                p = queue.poll();
            }
            if (p == null) {
                window.release();
                break;
            }
            step(p);
            n++;
        }
        return n;
    }

    private void sendLoop() {
        while (!closed) {
            QueuedReply p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            if (links.pipelines(carrierId)) {
                waitingForPlace.add(p); // in the queue's order with the others due now; no wait on this thread
                continue;
            }
            try {
                window.acquire();
            } catch (InterruptedException e) {
                expire(p, Expiry.SHUTDOWN);
                break;
            }
            step(p);
        }
    }

    /** Sends {@code p}, which holds a place in the window: the place is given back once the reply settles. */
    private void step(QueuedReply p) {
        p.holdsPlace = true;
        try {
            attempt(p);
        } catch (RuntimeException e) {
            // A bug must not kill the sender thread and strand the queue: the reply ends, counted.
            log.error("[{}] sending a reply failed unexpectedly: {}", carrierId, e.toString());
            givePlaceBack(p);
            expire(p, Expiry.ERROR);
        }
    }

    private void givePlaceBack(QueuedReply p) {
        if (p.holdsPlace) {
            p.holdsPlace = false;
            window.release();
            waitingForPlace.handOn();
        }
    }

    private void attempt(QueuedReply p) {
        long now = ticker.read();
        if (now - p.expiresAt >= 0) {
            givePlaceBack(p);
            expire(p, p.waitingForBind ? Expiry.NO_BIND : Expiry.VALIDITY);
            return;
        }
        long wakesBefore = wakes.get();
        if (!links.canDeliver(carrierId)) {
            givePlaceBack(p);
            waitForBind(p, wakesBefore);
            return;
        }
        long paused = pause.remainingNanos();
        if (paused > 0) {
            givePlaceBack(p);
            requeue(p, Duration.ofNanos(paused), false); // not an attempt: the carrier asked us to wait
            return;
        }
        sendNextPart(p, wakesBefore);
    }

    /**
     * One part at a time, as a carrier's window counts them: the next part is written when the previous one's
     * response comes, on the thread that completes it (the link's I/O thread over pipelining links).
     */
    private void sendNextPart(QueuedReply p, long wakesBefore) {
        links.deliverLater(p.reply.parts().get(p.nextPart)).whenComplete((r, error) -> {
            try {
                partEnded(p, r == null ? DeliveryResult.LINK_ERROR : r, wakesBefore);
            } catch (RuntimeException e) {
                log.error("[{}] settling a reply failed unexpectedly: {}", carrierId, e.toString());
                givePlaceBack(p);
                expire(p, Expiry.ERROR);
            }
        });
    }

    private void partEnded(QueuedReply p, DeliveryResult r, long wakesBefore) {
        if (r.kind() == DeliveryResult.Kind.DELIVERED) {
            pause.accepted();
            p.nextPart++;
            if (p.nextPart < p.reply.parts().size()) {
                sendNextPart(p, wakesBefore);
                return;
            }
            held.decrementAndGet();
            listener.delivered(p.reply, Duration.between(p.reply.receivedAt(), clock.instant()));
            givePlaceBack(p); // after: the place may go on to write the next reply on this thread
            return;
        }
        // Paused before the place is given back: a reply waiting for the place must see the pause.
        pause.refused(r);
        givePlaceBack(p);
        if (r.kind() == DeliveryResult.Kind.NO_BIND) {
            waitForBind(p, wakesBefore);
            return;
        }
        if (!r.retryable()) {
            log.info("[{}] reply rejected by the carrier: {}", carrierId, r.status());
            held.decrementAndGet();
            listener.rejected(p.reply, r);
            return;
        }
        p.attempts++;
        Duration delay = options.backoff(p.attempts);
        if (ticker.read() + delay.toNanos() - p.expiresAt >= 0) {
            expire(p, Expiry.VALIDITY);
            return;
        }
        log.debug("[{}] temporary delivery error {} / {}: retry {} in {}", carrierId, r.kind(), r.status(),
                p.attempts, delay);
        listener.retried(p.reply, r);
        requeue(p, delay, false);
    }

    private void expire(QueuedReply p, Expiry why) {
        held.decrementAndGet();
        listener.expired(p.reply, why);
    }

    /** Sets {@code p} aside until a bind comes up, or at most {@code noBindRecheck}. */
    private void waitForBind(QueuedReply p, long wakesBefore) {
        requeue(p, options.noBindRecheck(), true);
        if (wakes.get() != wakesBefore) {
            wake(); // a bind came up while p was out of the queue: its wake could not see p
        }
    }

    private void requeue(QueuedReply p, Duration delay, boolean waitingForBind) {
        if (closed) {
            expire(p, Expiry.SHUTDOWN); // a round that settled after close(): nobody would take it again
            return;
        }
        p.dueAt = ticker.read() + delay.toNanos();
        p.waitingForBind = waitingForBind;
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
        for (QueuedReply p : queue.toArray(new QueuedReply[0])) {
            if (queue.remove(p)) {
                expire(p, Expiry.SHUTDOWN);
            }
        }
        QueuedReply p;
        while ((p = waitingForPlace.poll()) != null) {
            expire(p, Expiry.SHUTDOWN);
        }
    }
}

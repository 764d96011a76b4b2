package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carrier's parts that found every bound session's window full, written in arrival order by a thread of
 * their own as slots free. That happens only while sessions are down: the outbox keeps {@code sessions x window}
 * replies in flight, more than the bound sessions' windows hold then.
 *
 * <p>Why a thread of their own: the next part of a reply is sent from the previous part's response, on the
 * session's reader. A reader that waited there for a slot would stop reading the very responses that free
 * one, and every part behind it would end in a response timeout (and the dead-bind rule could then close the
 * session that was still up). Here the reader hands the part over and goes back to reading.
 *
 * <p>Wake-ups: {@link #slotFreed} unparks the thread only while parts wait (one volatile read otherwise, on
 * every response). A wake-up that comes between a failed try and the park is kept as the thread's permit, so
 * none is lost; the park also ends after {@code recheck}, a safety net only.
 */
final class WaitingParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WaitingParts.class);

    private final String carrierId;
    private final Function<OutboundPart, CompletableFuture<DeliveryResult>> trySend;
    private final long recheckNanos;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    /** Parts handed over and not yet written: counted before they are queued, down once written. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param trySend writes a part on a bound session with a free slot and returns its stage; a completed
     *     {@code NO_BIND} when no sending session is bound; null when every bound session's window is full
     */
    WaitingParts(String carrierId, Function<OutboundPart, CompletableFuture<DeliveryResult>> trySend,
            Duration recheck) {
        this.carrierId = Objects.requireNonNull(carrierId, "carrierId");
        this.trySend = Objects.requireNonNull(trySend, "trySend");
        this.recheckNanos = recheck.toNanos();
        this.thread = new Thread(this::run, "esme-waiting-parts-" + carrierId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether parts wait: a new part then queues behind them instead of taking the next free slot first. */
    boolean any() {
        return pending.get() > 0;
    }

    /** Queues {@code part}; the stage completes as the part's own would once a slot writes it. Never blocks. */
    CompletableFuture<DeliveryResult> add(OutboundPart part) {
        Waiting w = new Waiting(part, new CompletableFuture<>());
        pending.incrementAndGet();
        queue.add(w);
        if (closed) {
            drainClosed();
        }
        return w.result();
    }

    /** A slot was given back or a session bound: the waiting thread looks again, if anything waits. */
    void slotFreed() {
        if (pending.get() > 0) {
            LockSupport.unpark(thread);
        }
    }

    int waiting() {
        return pending.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        drainClosed();
    }

    private void run() {
        while (!closed) {
            Waiting w;
            try {
                w = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            CompletableFuture<DeliveryResult> sent;
            while ((sent = trySend.apply(w.part())) == null) {
                if (closed) {
                    end(w);
                    return;
                }
                LockSupport.parkNanos(this, recheckNanos);
            }
            pending.decrementAndGet();
            forward(sent, w.result());
        }
        drainClosed();
    }

    private static void forward(CompletableFuture<DeliveryResult> sent, CompletableFuture<DeliveryResult> result) {
        sent.whenComplete((r, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(r);
            }
        });
    }

    /** After close: what waits ends as a link error (the outbox's own stop decides what comes of the reply). */
    private void drainClosed() {
        for (Waiting w; (w = queue.poll()) != null; ) {
            end(w);
        }
    }

    private void end(Waiting w) {
        pending.decrementAndGet();
        log.debug("[{}] a part waiting for a window slot ended: the link is closing", carrierId);
        w.result().complete(DeliveryResult.LINK_ERROR);
    }

    private record Waiting(OutboundPart part, CompletableFuture<DeliveryResult> result) {
    }
}

package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.wire.GatheredWrites;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jsmpp.session.SMPPSession;

/**
 * One carrier in ESME mode: its binds to the carrier's SMSC, its throughput cap and its receipt ledger.
 *
 * <p>Concurrency: jsmpp 3.0's client has only a blocking {@code submitShortMessage}, so submit_sm are written
 * here with its PDU sender and their responses taken by the session's reader ({@link PipelinedRequests}): no
 * thread waits for a response. The outbox keeps {@code sessions x window} replies in flight for this carrier
 * (one part outstanding each), and the per-session {@link SubmitWindow} keeps any one bind at {@code window}.
 */
final class EsmeCarrierLink {

    private final EsmeOptions options;
    private final List<EsmeSession> sessions = new ArrayList<>();
    private final TokenBucket bucket;
    private final ReceiptLedger ledger;
    private final AtomicInteger turn = new AtomicInteger();
    /** Parts that found every bound session's window full, oldest first ({@link #sendNow}). */
    private final Queue<WaitingPart> waiting = new ConcurrentLinkedQueue<>();
    /** Drains asked for and not yet looked at ({@link #drainWaiting}); nonzero while one thread drains. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final SubmitSender sender;

    private final EsmeReceiver receiver;

    EsmeCarrierLink(EsmeOptions options, EsmeEvents events, Clock clock, Consumer<String> canSend) {
        this.options = Objects.requireNonNull(options, "options");
        this.bucket = new TokenBucket(options.throughput(), System.nanoTime());
        // Receipts come minutes, sometimes hours, after the submit; a day covers what SMSCs keep.
        this.ledger = new ReceiptLedger(Math.max(10_000, options.throughput() * 600), Duration.ofDays(1),
                System::nanoTime);
        this.sender = new SubmitSender(options.responseTimeout(), options.receipts(), events);
        this.receiver = new EsmeReceiver(options.carrierId(), null, ledger, events, clock);
        Consumer<String> upToSend = carrierId -> {
            drainWaiting(); // a bind that comes up brings free slots
            canSend.accept(carrierId);
        };
        for (int i = 0; i < options.sessions(); i++) {
            if (options.pair()) {
                sessions.add(new EsmeSession(options, BindType.TRANSMITTER, i, receiver, events, upToSend));
                sessions.add(new EsmeSession(options, BindType.RECEIVER, i, receiver, events, upToSend));
            } else {
                sessions.add(new EsmeSession(options, BindType.TRANSCEIVER, i, receiver, events, upToSend));
            }
        }
    }

    /** Starts binding; subscribers' messages go to {@code intake}; each bind leases from {@code budget} (null: none). */
    void start(MessageIntake intake, io.cxmyd.gateway.binds.BindBudget budget) {
        receiver.intake(intake);
        java.util.concurrent.atomic.AtomicLong lastGiveBack = new java.util.concurrent.atomic.AtomicLong();
        sessions.forEach(s -> s.start(budget, lastGiveBack));
    }

    EsmeOptions options() {
        return options;
    }

    boolean canSend() {
        return sessions.stream().anyMatch(s -> s.sends() && s.bound() != null);
    }

    /** Whether a part written now would not wait: a bound sending session has a free slot in its window. */
    boolean hasRoomNow() {
        for (EsmeSession s : sessions) {
            if (s.sends() && s.pipeline() != null && s.window().outstanding() < s.window().size()) {
                return true;
            }
        }
        return false;
    }

    boolean canReceive() {
        return sessions.stream().anyMatch(s -> s.receives() && s.bound() != null);
    }

    List<BindInfo> binds() {
        return sessions.stream().map(EsmeSession::info).filter(Objects::nonNull).toList();
    }

    /**
     * One part as submit_sm: a token from the carrier's bucket first (each part counts), then a window slot on
     * a bound sending session, round-robin. Blocking: from an outbox sender thread.
     */
    DeliveryResult send(OutboundPart part) {
        GatheredWrites.flushHeld(); // the answer waited for may need what this thread holds
        return sendLater(part).join();
    }

    /**
     * One part as submit_sm, written at once or after the bucket's wait (on a timer, never parking the caller),
     * on a bound sending session with room in its window, round-robin; the stage completes when the SMSC
     * answers.
     */
    CompletableFuture<DeliveryResult> sendLater(OutboundPart part) {
        long wait = bucket.reserve(System.nanoTime());
        if (wait > 0) {
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS))
                    .thenCompose(none -> sendNow(part));
        }
        return sendNow(part);
    }

    /**
     * On a bound sending session with a free slot, round-robin; when every bound session's window is full (only
     * once sessions went down and the outbox's {@code sessions x window} outnumbers the slots left), the part
     * waits in {@link #waiting} and the next freed slot writes it. Nothing parks here: this runs on the session
     * readers (the next part of a reply, sent from the previous part's response) and on the journal completer,
     * and a reader that waited for a slot would stop reading the very responses that free one.
     */
    private CompletableFuture<DeliveryResult> sendNow(OutboundPart part) {
        CompletableFuture<DeliveryResult> sent = trySend(part);
        if (sent != null) {
            return sent;
        }
        WaitingPart w = new WaitingPart(part, new CompletableFuture<>());
        waiting.add(w);
        drainWaiting(); // a slot freed between trySend and add: its release may not have seen w
        return w.result();
    }

    /** Writes {@code part} where a slot is free; NO_BIND when no sending session is bound; null when all are full. */
    private CompletableFuture<DeliveryResult> trySend(OutboundPart part) {
        boolean anyBound = false;
        int n = sessions.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            EsmeSession s = sessions.get((start + i) % n);
            EsmeSession.Pipeline pipeline = s.sends() ? s.pipeline() : null;
            if (pipeline == null) {
                continue;
            }
            anyBound = true;
            if (s.window().tryAcquire()) {
                // Given back before anything chained on the result runs: the next part may need the slot.
                return sender.submitLater(s, pipeline, part, ledger).whenComplete((result, error) -> {
                    s.window().release();
                    drainWaiting();
                });
            }
        }
        return anyBound ? null : CompletableFuture.completedFuture(DeliveryResult.NO_BIND);
    }

    /**
     * Writes waiting parts while slots are free (all of them NO_BIND once no sending session is bound). One
     * thread at a time: whoever frees a slot, adds a part or binds asks for a drain; the thread that finds a
     * drain under way only counts its request, and the draining thread looks again for each request counted
     * meanwhile, so none is missed and nobody spins while every window stays full.
     */
    private void drainWaiting() {
        // Nothing waits (the usual case, on every response): no count. A part added meanwhile is drained by its
        // own adder, which asks after adding, and finds the slot freed before this look.
        if (waiting.isEmpty()) {
            return;
        }
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            drainOnce();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void drainOnce() {
        for (WaitingPart w; (w = waiting.peek()) != null; ) {
            CompletableFuture<DeliveryResult> sent = trySend(w.part());
            if (sent == null) {
                return; // full: the next freed slot asks again
            }
            waiting.remove(w);
            CompletableFuture<DeliveryResult> result = w.result();
            sent.whenComplete((r, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(r);
                }
            });
        }
    }

    /** A part that found every bound session's window full, and the stage its sender waits on. */
    private record WaitingPart(OutboundPart part, CompletableFuture<DeliveryResult> result) {
    }

    void close() {
        sessions.forEach(EsmeSession::close);
    }
}

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

    /** How long parts waiting for a slot sleep at most without a wake-up (a freed slot or a bind wakes them). */
    private static final Duration WAITING_RECHECK = Duration.ofMillis(50);

    private final EsmeOptions options;
    private final List<EsmeSession> sessions = new ArrayList<>();
    private final TokenBucket bucket;
    private final ReceiptLedger ledger;
    private final AtomicInteger turn = new AtomicInteger();
    private final SubmitSender sender;

    private final EsmeEvents events;
    private final EsmeReceiver receiver;
    private final WaitingParts waitingParts;

    EsmeCarrierLink(EsmeOptions options, EsmeEvents events, Clock clock, Consumer<String> canSend) {
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
        this.bucket = new TokenBucket(options.throughput(), System.nanoTime());
        // Receipts come minutes, sometimes hours, after the submit; a day covers what SMSCs keep.
        this.ledger = new ReceiptLedger(Math.max(10_000, options.throughput() * 600), Duration.ofDays(1),
                System::nanoTime);
        this.sender = new SubmitSender(options.responseTimeout(), options.receipts(), events);
        this.receiver = new EsmeReceiver(options.carrierId(), null, ledger, events, clock);
        this.waitingParts = new WaitingParts(options.carrierId(), this::trySend, WAITING_RECHECK);
        Consumer<String> upToSend = carrierId -> {
            waitingParts.slotFreed(); // a bind that comes up brings a window of free slots
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
        waitingParts.start();
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
     * On a bound sending session with a free slot, round-robin. When every bound session's window is full, or
     * parts already wait for one, the part joins {@link WaitingParts}: nothing waits on this thread, which may be
     * a session's reader (the next part of a reply is sent from the previous part's response).
     */
    private CompletableFuture<DeliveryResult> sendNow(OutboundPart part) {
        if (!waitingParts.any()) {
            CompletableFuture<DeliveryResult> sent = trySend(part);
            if (sent != null) {
                return sent;
            }
        }
        events.partWaited(options.carrierId());
        return waitingParts.add(part);
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
                    waitingParts.slotFreed();
                });
            }
        }
        return anyBound ? null : CompletableFuture.completedFuture(DeliveryResult.NO_BIND);
    }

    void close() {
        sessions.forEach(EsmeSession::close);
        waitingParts.close();
    }
}

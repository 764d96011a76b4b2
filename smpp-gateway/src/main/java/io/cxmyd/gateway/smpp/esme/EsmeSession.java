package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.binds.BindBudget;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.smpp.GatheringConnection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import io.cxmyd.gateway.smpp.PipelinedRequests;
import java.io.OutputStream;
import java.net.Socket;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bind to a carrier's SMSC, kept up by its own thread: connect, bind, wait for the link to go, wait the
 * {@link RebindPolicy}'s delay, bind again, until closed. The jsmpp session is replaced at every bind; senders
 * take the current one through {@link #bound()}.
 */
final class EsmeSession {

    private static final Logger log = LoggerFactory.getLogger(EsmeSession.class);
    /** Consecutive submit_sm without a response after which the bind counts as dead (see SessionCarrierLinks). */
    static final int DEAD_AFTER_UNANSWERED = 3;

    private final EsmeOptions options;
    private final BindType type;
    private final String prefix;
    private final EsmeReceiver receiver;
    private final EsmeEvents events;
    private final Consumer<String> canSend;
    private final RebindPolicy policy;
    private final SubmitWindow window;
    private final SmscSockets sockets;
    /** Writes lock the connection's stream: jsmpp's writes and ours (submit_sm) never interleave. */
    private static final PDUSender SENDER = new SynchronizedPDUSender(new DefaultPDUSender());
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Object monitor = new Object();
    private final Thread thread;
    private volatile SMPPSession session;
    /** Where this bind's submit_sm are written and their responses awaited; null while unbound. */
    private volatile Pipeline pipeline;
    /** The connection jsmpp opened for the bind being made (its output stream is written to directly). */
    private volatile Connection connection;
    private volatile Instant boundSince;
    private volatile boolean closed;
    /** The carrier's budget shared across instances, or null: bind without asking (set before start). */
    private BindBudget budget;
    /** When a session of this carrier on this instance last gave a surplus lease back (nanoTime), shared by them. */
    private java.util.concurrent.atomic.AtomicLong lastGiveBack;

    EsmeSession(EsmeOptions options, BindType type, int index, EsmeReceiver receiver, EsmeEvents events,
            Consumer<String> canSend) {
        this.options = options;
        this.type = type;
        this.prefix = "[" + options.carrierId() + " esme " + type.label() + "#" + index + "]";
        this.receiver = receiver;
        this.events = events;
        this.canSend = canSend;
        this.policy = new RebindPolicy(options.reconnectMin(), options.reconnectMax());
        this.window = new SubmitWindow(options.window());
        this.sockets = SmscSockets.of(options);
        this.thread = new Thread(this::run, "esme-" + options.carrierId() + "-" + type.label() + "-" + index);
        this.thread.setDaemon(true);
    }

    void start(BindBudget budget, java.util.concurrent.atomic.AtomicLong lastGiveBack) {
        this.budget = budget;
        this.lastGiveBack = lastGiveBack;
        thread.start();
    }

    BindType type() {
        return type;
    }

    /** Whether submit_sm may be sent on this bind (transmitter or transceiver). */
    boolean sends() {
        return type != BindType.RECEIVER;
    }

    /** Whether the SMSC delivers on this bind (receiver or transceiver). */
    boolean receives() {
        return type != BindType.TRANSMITTER;
    }

    /** The bound jsmpp session, or null. */
    SMPPSession bound() {
        SMPPSession s = session;
        return s != null && s.getSessionState().isBound() ? s : null;
    }

    SubmitWindow window() {
        return window;
    }

    /**
     * What a submit_sm is written with on the bound session: jsmpp's PDU sender on the connection's stream,
     * under sequence numbers of {@code requests}, whose responses this session's reader takes.
     */
    record Pipeline(SMPPSession session, PipelinedRequests requests, PDUSender sender, OutputStream out) {
    }

    /** The bound session's pipeline, or null. */
    Pipeline pipeline() {
        Pipeline p = pipeline;
        return p != null && p.session().getSessionState().isBound() ? p : null;
    }

    String logPrefix() {
        return prefix;
    }

    BindInfo info() {
        Instant since = boundSince;
        return bound() == null || since == null ? null
                : new BindInfo(options.carrierId(), type, options.host() + ":" + options.port(), since,
                        window.outstanding());
    }

    void answered() {
        unanswered.set(0);
    }

    /** A submit_sm went unanswered; after {@link #DEAD_AFTER_UNANSWERED} in a row the bind is dropped and rebound. */
    void unanswered(SMPPSession s) {
        if (unanswered.incrementAndGet() >= DEAD_AFTER_UNANSWERED) {
            log.warn("{} {} submit_sm in a row without submit_sm_resp: the bind is dead, closed", prefix,
                    DEAD_AFTER_UNANSWERED);
            unanswered.set(0);
            s.close();
        }
    }

    /** A bind that lived less than this and was lost counts as one more failure in a row, not a fresh start. */
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private void run() {
        int failures = 0;
        int streak = 0;
        RebindPolicy.Failure last = null;
        while (!closed) {
            if (last != null && !pause(policy.delay(last, failures, ThreadLocalRandom.current().nextDouble()))) {
                break;
            }
            BindBudget.Lease lease = budget == null ? null : awaitLease();
            if (budget != null && lease == null) {
                break;
            }
            PipelinedRequests submits = new PipelinedRequests(SMPPConstant.CID_SUBMIT_SM_RESP,
                    options.responseTimeout());
            SmscPduReader reader = new SmscPduReader().withResponses(submits);
            SMPPSession s = newSession(reader);
            try {
                s.connectAndBind(options.host(), options.port(), bindParameter(), options.bindTimeout().toMillis());
            } catch (IOException e) {
                s.close();
                release(lease);
                last = reader.refusal() != 0 ? BindStatuses.failure(reader.refusal()) : classify(e);
                failures++;
                events.bindAttempt(options.carrierId(), EsmeEvents.BindAttempt.of(last));
                log.warn("{} bind to {}:{} failed ({}): {}; binding again with backoff", prefix, options.host(),
                        options.port(), last, reader.refusal() != 0
                                ? "bind_resp 0x" + String.format("%08x", reader.refusal()) : describe(e));
                continue;
            }
            if (reader.ended()) {
                // The SMSC closed the connection right behind its bind_resp: jsmpp's reader saw the end and closed
                // the session before connectAndBind marked it bound, so it looks bound with nobody reading, until
                // an enquire_link fails. Closed again here, it goes the way of a bind lost at once.
                s.close();
            }
            streak = failures;
            failures = 0;
            unanswered.set(0);
            boundSince = Instant.now();
            pipeline = new Pipeline(s, submits, SENDER, connection.getOutputStream());
            session = s;
            events.bindAttempt(options.carrierId(), EsmeEvents.BindAttempt.BOUND);
            events.bound(options.carrierId(), type);
            log.info("{} bound to {}:{} as {}", prefix, options.host(), options.port(), options.systemId());
            if (sends()) {
                canSend.accept(options.carrierId());
            }
            awaitClosed(s, lease);
            if (closed && s.getSessionState() != SessionState.CLOSED) {
                // Closed while this bind was being made: close() saw no session to unbind.
                s.unbindAndClose();
            }
            release(lease);
            pipeline = null;
            submits.closed();
            session = null;
            events.unbound(options.carrierId(), type);
            if (closed) {
                break;
            }
            log.warn("{} bind to {}:{} lost; binding again", prefix, options.host(), options.port());
            last = RebindPolicy.Failure.LINK_LOST;
            // A link that drops right after each bind backs off like failed binds do: no reconnect storm.
            boolean stable = Duration.between(boundSince, Instant.now()).compareTo(STABLE_AFTER) >= 0;
            failures = stable ? 1 : streak + 1;
        }
    }

    private SMPPSession newSession(SmscPduReader reader) {
        DeliverSmResponses responses = new DeliverSmResponses();
        ConnectionFactory kept = (host, port) -> {
            Socket socket = sockets.open(host, port);
            // Writes gathered as in server mode: the parts a reader sends from the submit_sm_resp it found
            // buffered, and a worker's queued replies, leave in one socket write.
            Connection c = new GatheringConnection(socket);
            connection = c;
            responses.writeTo(c.getOutputStream());
            return c;
        };
        SMPPSession s = new SMPPSession(responses, reader, kept);
        s.setEnquireLinkTimer((int) options.enquireLinkInterval().toMillis());
        s.setTransactionTimer(options.responseTimeout().toMillis());
        s.setPduProcessorDegree(options.pduThreads());
        s.setMessageReceiverListener(receiver.on(responses));
        // A subscriber's deliver_sm is taken on the reader thread when the intake never waits (the disk
        // journal); otherwise, and before the bind, jsmpp's PDU threads get it as before.
        reader.withRequests((commandId, pdu) -> s.getSessionState().isReceivable() && receiver.takesOnReader()
                && receiver.takeDeliverSm(pdu, responses));
        s.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound()) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        });
        return s;
    }

    private BindParameter bindParameter() {
        org.jsmpp.bean.BindType bindType = switch (type) {
            case TRANSMITTER -> org.jsmpp.bean.BindType.BIND_TX;
            case RECEIVER -> org.jsmpp.bean.BindType.BIND_RX;
            case TRANSCEIVER -> org.jsmpp.bean.BindType.BIND_TRX;
        };
        return new BindParameter(bindType, options.systemId(), options.password(), options.systemType(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null, InterfaceVersion.IF_34);
    }

    /**
     * Waits until the bind goes or the session closes, renewing the lease (if any) meanwhile: the bind is
     * unbound when the lease is lost (another instance may hold it by now) or is surplus (this instance holds
     * more than its share and another fewer: it goes to that one).
     */
    private void awaitClosed(SMPPSession s, BindBudget.Lease lease) {
        long every = lease == null ? Long.MAX_VALUE : budget.renewEvery().toNanos();
        long nextRenewal = System.nanoTime() + every;
        while (!closed && s.getSessionState().isBound()) {
            synchronized (monitor) {
                long waitMillis = lease == null ? 1000
                        : Math.max(1, Math.min(1000, (nextRenewal - System.nanoTime()) / 1_000_000));
                if (!closed && s.getSessionState().isBound()) {
                    try {
                        monitor.wait(waitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (lease != null && !closed && System.nanoTime() - nextRenewal >= 0) {
                BindBudget.Renewal renewal = budget.renew(lease);
                nextRenewal = System.nanoTime() + every;
                if (renewal == BindBudget.Renewal.SURPLUS && !giveBack(every)) {
                    renewal = BindBudget.Renewal.HELD;
                }
                if (renewal != BindBudget.Renewal.HELD) {
                    log.warn("{} session lease {}: unbinding ({})", prefix, renewal == BindBudget.Renewal.LOST
                            ? "lost" : "surplus", renewal == BindBudget.Renewal.LOST
                            ? "another instance may hold it now" : "another instance holds less than its share");
                    s.unbindAndClose();
                    return;
                }
            }
        }
    }

    /**
     * Whether this session gives its surplus lease back: one per two renewal rounds for the carrier's sessions
     * here, since each of them hears SURPLUS until the instance short of sessions has taken the one given.
     */
    private boolean giveBack(long every) {
        long now = System.nanoTime();
        long last = lastGiveBack.get();
        return (last == 0 || now - last >= 2 * every) && lastGiveBack.compareAndSet(last, now);
    }

    /** A lease from the carrier's budget, asking again every renewal round while none is free; null once closed. */
    private BindBudget.Lease awaitLease() {
        boolean told = false;
        while (!closed) {
            java.util.Optional<BindBudget.Lease> lease = budget.acquire(options.carrierId());
            if (lease.isPresent()) {
                return lease.get();
            }
            if (!told) {
                log.info("{} no free session in the carrier's budget; asking again every {}", prefix,
                        budget.renewEvery());
                told = true;
            }
            // Jitter, so that the instances waiting do not all ask at once.
            long every = budget.renewEvery().toMillis();
            if (!pause(Duration.ofMillis(every / 2 + ThreadLocalRandom.current().nextLong(every / 2 + 1)))) {
                break;
            }
        }
        return null;
    }

    private void release(BindBudget.Lease lease) {
        if (lease != null) {
            budget.release(lease);
        }
    }

    /** Waits {@code delay} unless closed meanwhile; false when closed. */
    private boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (monitor) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !closed;
    }

    /** The bind_resp status behind jsmpp's IOException, if there was one. */
    static RebindPolicy.Failure classify(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return BindStatuses.failure(n.getCommandStatus());
            }
        }
        return RebindPolicy.Failure.UNREACHABLE;
    }

    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return "bind_resp 0x" + String.format("%08x", n.getCommandStatus());
            }
        }
        return e.getMessage();
    }

    /** Unbinds (when bound) and stops rebinding. */
    void close() {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        SMPPSession s = session;
        if (s != null) {
            if (s.getSessionState() != SessionState.CLOSED) {
                s.unbindAndClose();
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

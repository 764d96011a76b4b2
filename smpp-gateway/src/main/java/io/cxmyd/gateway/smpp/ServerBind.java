package io.cxmyd.gateway.smpp;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/**
 * One accepted connection: its jsmpp session and, once the bind is accepted, the carrier and bind type.
 * Reports the bind to the {@link BindRegistry} exactly once when it is up and once when it goes.
 */
final class ServerBind implements SessionStateListener {

    private final BindRegistry registry;
    private final String remote;
    private final java.net.InetAddress remoteAddress;
    private final Consumer<ServerBind> onPeerUnbind;
    private final AtomicInteger unansweredDeliveries = new AtomicInteger();
    /** Set by the accept thread once the connection is set up; null before (a stop may come in between). */
    private volatile SMPPServerSession session;
    private volatile String carrierId;
    private volatile BindType type;
    private volatile Instant since;
    private volatile BindDeliveries deliveries;
    private boolean registered;
    private boolean gone;

    /** @param onPeerUnbind called when the peer's unbind has been answered: the connection is to be closed */
    ServerBind(BindRegistry registry, java.net.InetAddress remoteAddress, String remote,
            Consumer<ServerBind> onPeerUnbind) {
        this.registry = registry;
        this.remoteAddress = remoteAddress;
        this.remote = remote;
        this.onPeerUnbind = onPeerUnbind;
    }

    void attach(SMPPServerSession session, BindDeliveries deliveries) {
        this.session = session;
        this.deliveries = deliveries;
    }

    /** Where this bind's deliver_sm are written and their responses awaited. */
    BindDeliveries deliveries() {
        return deliveries;
    }

    SMPPServerSession session() {
        return session;
    }

    /** The peer's IP address, for the allow list and the lockout. */
    java.net.InetAddress remoteAddress() {
        return remoteAddress;
    }

    String carrierId() {
        return carrierId;
    }

    BindType type() {
        return type;
    }

    /** Where this bind stands, for the PDU screen. */
    PduScreen.Phase phase() {
        SessionState state = session.getSessionState();
        if (state == SessionState.OPEN) {
            return PduScreen.Phase.BEFORE_BIND;
        }
        return state.isBound() ? PduScreen.Phase.BOUND : PduScreen.Phase.OTHER;
    }

    boolean isBound() {
        return session.getSessionState().isBound();
    }

    /** A deliver_sm on this bind got a response, whatever its status: the peer is alive. */
    void deliveryAnswered() {
        unansweredDeliveries.set(0);
    }

    /** A deliver_sm on this bind got no response in time; returns how many in a row have not. */
    int deliveryUnanswered() {
        return unansweredDeliveries.incrementAndGet();
    }

    /** Log prefix: session id, peer and, once bound, carrier and bind type. Never a phone number. */
    String logPrefix() {
        String id = session == null ? "-" : session.getSessionId();
        return carrierId == null ? "[smpp " + id + " " + remote + "]"
                : "[smpp " + id + " " + carrierId + "/" + type.label() + "]";
    }

    /** What the admin view shows of this bind; empty before the bind is accepted and after it is gone. */
    Optional<BindInfo> info() {
        String carrier = carrierId;
        Instant at = since;
        if (carrier == null || at == null || !isBound()) {
            return Optional.empty();
        }
        return Optional.of(new BindInfo(carrier, type, remote, at, deliveries == null ? 0 : deliveries.inFlight()));
    }

    /**
     * Called before bind_resp ESME_ROK is written: the peer may send its first submit_sm or data_sm the moment
     * it reads the response, and the PDU threads need the carrier and bind type by then.
     */
    void identify(String carrierId, BindType type) {
        this.carrierId = carrierId;
        this.type = type;
    }

    /** Called once bind_resp ESME_ROK is on the wire, so a deliver_sm can never overtake it. */
    synchronized void bound(Instant since) {
        this.since = since;
        if (gone || !isBound()) {
            return;
        }
        registered = true;
        registry.up(this);
    }

    @Override
    public void onStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.UNBOUND || newState == SessionState.CLOSED) {
            goneOnce();
        }
        if (newState == SessionState.UNBOUND) {
            // jsmpp answers the peer's unbind, then keeps reading until the peer hangs up or the read timer
            // fires; the connection is closed for sure after a grace period.
            onPeerUnbind.accept(this);
        }
        if (newState == SessionState.CLOSED) {
            BindDeliveries written = deliveries;
            if (written != null) {
                written.closed();
            }
            registry.closed(this);
        }
    }

    private synchronized void goneOnce() {
        if (gone) {
            return;
        }
        gone = true;
        registry.released(this);
        if (registered) {
            registry.down(this);
        }
    }
}

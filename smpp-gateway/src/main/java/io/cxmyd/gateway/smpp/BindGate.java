package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Every check a bind request passes, in order: the wait earned by earlier refusals from the same place
 * ({@link BindPacing}), credentials and allow list ({@link BindAuthenticator}), then the carrier's bind cap
 * ({@link BindRegistry#admit}). No I/O, no logging.
 */
final class BindGate {

    private final BindAuthenticator authenticator;
    private final BindPacing pacing;
    private final BindRegistry registry;

    BindGate(BindAuthenticator authenticator, BindPacing pacing, BindRegistry registry) {
        this.authenticator = authenticator;
        this.pacing = pacing;
        this.registry = registry;
    }

    /** How long this bind waits before {@link #decide}: zero unless its place has refusals behind it. */
    Duration delay(ServerBind bind, String systemId) {
        InetAddress address = bind.remoteAddress();
        return pacing.delay(address, systemId, authenticator.allowListed(address));
    }

    /**
     * The credentials and the allow list, then the carrier's bind cap. A refusal of the credentials or the
     * address is counted where it came from (it slows the next guesses from there, never the carrier); a
     * refusal for the cap is not, since it says nothing of who the peer is.
     */
    BindAuthenticator.Decision decide(ServerBind bind, String systemId, String password) {
        InetAddress address = bind.remoteAddress();
        BindAuthenticator.Decision decision = authenticator.decide(systemId, password, address);
        if (!decision.accepted()) {
            pacing.failed(address, systemId, authenticator.allowListed(address));
            return decision;
        }
        pacing.succeeded(address, systemId);
        CarrierAccount carrier = decision.carrier();
        if (!registry.admit(bind, carrier.id(), carrier.maxBinds())) {
            return BindAuthenticator.Decision.refuse(SmppStatus.ESME_RBINDFAIL, BindAuthenticator.LIMIT);
        }
        return decision;
    }

    /** Whether {@code address} is on some carrier's allow list: such addresses have reserved connection slots. */
    boolean allowListed(InetAddress address) {
        return authenticator.allowListed(address);
    }
}

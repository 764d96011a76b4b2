package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import java.net.InetAddress;

/**
 * Every check a bind request passes, in order: lockout, credentials and allow list ({@link BindAuthenticator}),
 * then the carrier's bind cap ({@link BindRegistry#admit}). No I/O, no logging.
 */
final class BindGate {

    private final BindAuthenticator authenticator;
    private final BindLockout lockout;
    private final BindRegistry registry;

    BindGate(BindAuthenticator authenticator, BindLockout lockout, BindRegistry registry) {
        this.authenticator = authenticator;
        this.lockout = lockout;
        this.registry = registry;
    }

    /**
     * Lockout first (a locked-out peer gets no password check, so it cannot go on guessing), then the
     * credentials and the allow list, then the carrier's bind cap. Failures of the credentials or the address
     * count towards a lockout; a refusal for the cap does not, since it says nothing of who the peer is.
     */
    BindAuthenticator.Decision decide(ServerBind bind, String systemId, String password) {
        InetAddress address = bind.remoteAddress();
        if (lockout.isLockedOut(address, systemId)) {
            return BindAuthenticator.Decision.refuse(SmppStatus.ESME_RBINDFAIL, BindAuthenticator.LOCKED_OUT);
        }
        BindAuthenticator.Decision decision = authenticator.decide(systemId, password, address);
        if (!decision.accepted()) {
            // Only a wrong password counts against the system_id: an unknown one would only fill the table, and
            // one tried from outside its allow list must not let outsiders lock a carrier out.
            boolean againstSystemId = BindAuthenticator.BAD_PASSWORD.equals(decision.reason());
            lockout.failed(address, againstSystemId ? systemId : null);
            return decision;
        }
        lockout.succeeded(address, systemId);
        CarrierAccount carrier = decision.carrier();
        if (!registry.admit(bind, carrier.id(), carrier.maxBinds())) {
            return BindAuthenticator.Decision.refuse(SmppStatus.ESME_RBINDFAIL, BindAuthenticator.LIMIT);
        }
        return decision;
    }
}

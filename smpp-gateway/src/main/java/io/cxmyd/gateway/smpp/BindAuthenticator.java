package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides a bind request from its system_id, password and the peer's address. Pure: no I/O, no logging.
 *
 * <p>The address is checked before the password, so a peer outside a carrier's allow list learns nothing
 * about the password it tried (ESME_RBINDFAIL either way). Once any carrier has an allow list, a peer outside
 * every allow list gets ESME_RBINDFAIL for every refusal, so it cannot even tell which system_ids exist
 * (ESME_RINVSYSID against ESME_RINVPASWD would say so).
 *
 * <p>Passwords are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken tells a
 * peer neither how many leading characters were right nor how long the real password is.
 */
final class BindAuthenticator {

    /** The outcome of one bind request: the carrier, or the status and reason of the refusal. */
    record Decision(CarrierAccount carrier, SmppStatus status, String reason) {

        static Decision accept(CarrierAccount carrier) {
            return new Decision(carrier, SmppStatus.ESME_ROK, null);
        }

        static Decision refuse(SmppStatus status, String reason) {
            return new Decision(null, status, reason);
        }

        boolean accepted() {
            return carrier != null;
        }
    }

    /** Refusal reasons, as {@link BindListener#bindRefused} reports them. */
    static final String UNKNOWN_SYSTEM_ID = "unknown_system_id";
    static final String BAD_PASSWORD = "bad_password";
    static final String ADDRESS_REFUSED = "address_refused";
    static final String LIMIT = "limit";

    private final Map<String, Entry> bySystemId = new HashMap<>();
    private final List<AddressRange> allowLists;

    BindAuthenticator(List<CarrierAccount> carriers) {
        for (CarrierAccount carrier : carriers) {
            Objects.requireNonNull(carrier.systemId(), "systemId of carrier " + carrier.id());
            Objects.requireNonNull(carrier.password(), "password of carrier " + carrier.id());
            Entry previous = bySystemId.put(carrier.systemId(), new Entry(carrier, digest(carrier.password())));
            if (previous != null) {
                throw new IllegalArgumentException("carriers: systemId '" + carrier.systemId()
                        + "' is used by both " + previous.carrier.id() + " and " + carrier.id());
            }
        }
        this.allowLists = carriers.stream().flatMap(c -> c.allowFrom().stream()).toList();
    }

    /** Whether {@code address} is on some carrier's allow list (false when no carrier has one). */
    boolean allowListed(InetAddress address) {
        return allowLists.stream().anyMatch(r -> r.contains(address));
    }

    /** Whether the peer is a stranger: allow lists are configured and it is on none of them. */
    boolean stranger(InetAddress address) {
        return !allowLists.isEmpty() && !allowListed(address);
    }

    /** {@link #check}, with every refusal of a {@link #stranger} turned into ESME_RBINDFAIL. */
    Decision decide(String systemId, String password, InetAddress remote) {
        Decision decision = check(systemId, password, remote);
        if (!decision.accepted() && stranger(remote)) {
            return Decision.refuse(SmppStatus.ESME_RBINDFAIL, decision.reason());
        }
        return decision;
    }

    private Decision check(String systemId, String password, InetAddress remote) {
        Entry entry = systemId == null ? null : bySystemId.get(systemId);
        // Digest the offered password even for an unknown system_id so both refusals take the same time.
        byte[] offered = digest(password == null ? "" : password);
        if (entry == null) {
            return Decision.refuse(SmppStatus.ESME_RINVSYSID, UNKNOWN_SYSTEM_ID);
        }
        if (!entry.carrier.allows(remote)) {
            return Decision.refuse(SmppStatus.ESME_RBINDFAIL, ADDRESS_REFUSED);
        }
        if (!MessageDigest.isEqual(entry.passwordDigest, offered)) {
            return Decision.refuse(SmppStatus.ESME_RINVPASWD, BAD_PASSWORD);
        }
        return Decision.accept(entry.carrier);
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Entry(CarrierAccount carrier, byte[] passwordDigest) {
    }
}

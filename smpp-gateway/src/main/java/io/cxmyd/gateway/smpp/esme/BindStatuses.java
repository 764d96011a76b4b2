package io.cxmyd.gateway.smpp.esme;

/** What a bind_resp error status means for binding again. Pure. */
final class BindStatuses {

    static final int ESME_RALYBND = 0x05;
    static final int ESME_RBINDFAIL = 0x0D;
    static final int ESME_RINVPASWD = 0x0E;
    static final int ESME_RINVSYSID = 0x0F;
    static final int ESME_RINVSYSTYP = 0x53;
    static final int ESME_RTHROTTLED = 0x58;

    private BindStatuses() {
    }

    /**
     * Carrier quirk: SMSCs say "too many sessions for this account" in different words. SMPP 3.4 has no status
     * for it; ESME_RBINDFAIL is the usual one, some use ESME_RTHROTTLED on bind, and vendor codes in the
     * reserved-for-SMSC-vendor range 0x400-0x4FF are common (their meaning is in the carrier's interface spec;
     * treating them as "wait long" is the safe reading).
     */
    static RebindPolicy.Failure failure(int status) {
        return switch (status) {
            case ESME_RALYBND -> RebindPolicy.Failure.ALREADY_BOUND;
            case ESME_RBINDFAIL, ESME_RTHROTTLED -> RebindPolicy.Failure.TOO_MANY_SESSIONS;
            case ESME_RINVPASWD, ESME_RINVSYSID, ESME_RINVSYSTYP -> RebindPolicy.Failure.CREDENTIALS;
            default -> status >= 0x400 && status <= 0x4FF
                    ? RebindPolicy.Failure.TOO_MANY_SESSIONS : RebindPolicy.Failure.REFUSED;
        };
    }
}

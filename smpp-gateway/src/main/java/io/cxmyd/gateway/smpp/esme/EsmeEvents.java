package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.smpp.BindType;

/** What the ESME links tell the metrics. (That a carrier can take replies again goes through CarrierLinks.) */
public interface EsmeEvents {

    /** A bind to the carrier's SMSC is up ({@code type} as bound: transmitter, receiver or transceiver). */
    default void bound(String carrierId, BindType type) {
    }

    default void unbound(String carrierId, BindType type) {
    }

    /** One bind attempt ended so. */
    default void bindAttempt(String carrierId, BindAttempt result) {
    }

    /** A delivery receipt arrived; {@code matched}: it reports on a submit_sm the ledger still held. */
    default void receipt(String carrierId, ReceiptState state, boolean matched) {
    }

    /** A reply part found every bound session's window full and waits for a slot. */
    default void partWaited(String carrierId) {
    }

    EsmeEvents NONE = new EsmeEvents() {
    };

    /** How a bind attempt ended. Label values of the bind attempts metric. */
    enum BindAttempt {
        BOUND("bound"),
        UNREACHABLE("unreachable"),
        ALREADY_BOUND("already_bound"),
        TOO_MANY_SESSIONS("too_many_sessions"),
        CREDENTIALS("credentials"),
        REFUSED("refused");

        private final String label;

        BindAttempt(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static BindAttempt of(RebindPolicy.Failure f) {
            return switch (f) {
                case UNREACHABLE, LINK_LOST -> UNREACHABLE;
                case ALREADY_BOUND -> ALREADY_BOUND;
                case TOO_MANY_SESSIONS -> TOO_MANY_SESSIONS;
                case CREDENTIALS -> CREDENTIALS;
                case REFUSED -> REFUSED;
            };
        }
    }
}

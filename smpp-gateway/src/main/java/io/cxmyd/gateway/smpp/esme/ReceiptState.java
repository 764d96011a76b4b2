package io.cxmyd.gateway.smpp.esme;

import java.util.Locale;

/**
 * The state a delivery receipt reports (SMPP 3.4 §5.2.28 message_state, and the {@code stat:} words of the
 * receipt text in Appendix B). Label values of the receipts metric.
 */
public enum ReceiptState {
    ENROUTE("enroute", 1, "ENROUTE"),
    DELIVERED("delivered", 2, "DELIVRD"),
    EXPIRED("expired", 3, "EXPIRED"),
    DELETED("deleted", 4, "DELETED"),
    UNDELIVERABLE("undeliverable", 5, "UNDELIV"),
    ACCEPTED("accepted", 6, "ACCEPTD"),
    UNKNOWN("unknown", 7, "UNKNOWN"),
    REJECTED("rejected", 8, "REJECTD");

    private final String label;
    private final int messageState;
    private final String stat;

    ReceiptState(String label, int messageState, String stat) {
        this.label = label;
        this.messageState = messageState;
        this.stat = stat;
    }

    public String label() {
        return label;
    }

    /** Whether the SMSC is done with the message (every state but ENROUTE and ACCEPTED, SMPP 3.4 §5.2.28). */
    public boolean isFinal() {
        return this != ENROUTE && this != ACCEPTED;
    }

    /** The state of a message_state TLV value; anything else is UNKNOWN. */
    static ReceiptState ofMessageState(int value) {
        for (ReceiptState s : values()) {
            if (s.messageState == value) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** The state of a receipt text's {@code stat:} word; SMSCs that spell it in full ("DELIVERED") are read too. */
    static ReceiptState ofStat(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        for (ReceiptState s : values()) {
            if (s.stat.equals(w) || s.name().equals(w)) {
                return s;
            }
        }
        return w.startsWith("UNDELIV") ? UNDELIVERABLE : UNKNOWN;
    }
}

package io.cxmyd.gateway.smpp;

/** The three SMPP bind types. Label values of the bind metrics. */
public enum BindType {
    TRANSMITTER("transmitter", false),
    RECEIVER("receiver", true),
    TRANSCEIVER("transceiver", true);

    private final String label;
    private final boolean receives;

    BindType(String label, boolean receives) {
        this.label = label;
        this.receives = receives;
    }

    public String label() {
        return label;
    }

    /** Whether deliver_sm can be sent on a bind of this type. */
    public boolean receives() {
        return receives;
    }

    /** Whether submit_sm may arrive on a bind of this type. */
    public boolean transmits() {
        return this != RECEIVER;
    }
}

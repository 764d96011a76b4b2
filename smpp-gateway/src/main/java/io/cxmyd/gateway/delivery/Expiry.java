package io.cxmyd.gateway.delivery;

/** Why a reply ended undelivered without the carrier refusing it. */
public enum Expiry {
    /** Its validity ran out while it was being retried. */
    VALIDITY("validity"),
    /** Its validity ran out while the carrier had no bind that could take it. */
    NO_BIND("no_bind"),
    /** The carrier's queue was full when it was handed over. */
    QUEUE_FULL("queue_full"),
    /** Sending it failed on a bug of ours; the sender thread goes on with the next. */
    ERROR("error"),
    /** The gateway stops: the query stays journaled and is answered after the next start. */
    SHUTDOWN("shutdown");

    private final String label;

    Expiry(String label) {
        this.label = label;
    }

    /** A fixed word for logs. */
    public String label() {
        return label;
    }

    /** Whether the reply ended for good: false only when it was dropped because the gateway stops. */
    public boolean endsQuery() {
        return this != SHUTDOWN;
    }
}

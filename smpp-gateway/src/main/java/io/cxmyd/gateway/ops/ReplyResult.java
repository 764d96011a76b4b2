package io.cxmyd.gateway.ops;

/**
 * How one delivery attempt of a whole reply ended, as counted by {@code cxmyd_replies_total{result}}. A reply
 * ends exactly once in {@link #DELIVERED}, {@link #EXPIRED} or {@link #REJECTED}; {@link #RETRIED} counts every
 * attempt that failed in a way worth trying again, so it can exceed the number of replies.
 */
public enum ReplyResult {
    /** The carrier acknowledged every part. */
    DELIVERED("delivered"),
    /** An attempt failed (timeout, no receiver bind, temporary error status) and was scheduled again. */
    RETRIED("retried"),
    /** The reply was still undelivered when its validity ran out: dropped. */
    EXPIRED("expired"),
    /** The carrier answered with a permanent error status: dropped. */
    REJECTED("rejected");

    private final String label;

    ReplyResult(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }
}

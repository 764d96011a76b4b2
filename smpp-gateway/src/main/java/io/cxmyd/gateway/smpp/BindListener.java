package io.cxmyd.gateway.smpp;

/** Bind lifecycle, for metrics, logs and the delivery queue (a new receiver bind flushes waiting replies). */
public interface BindListener {

    default void bound(String carrierId, BindType type) {
    }

    default void unbound(String carrierId, BindType type) {
    }

    /** A refused bind: {@code reason} is one of bad_password, unknown_system_id, address_refused, limit. */
    default void bindRefused(String reason) {
    }

    /** A bind made to wait before its decision, after earlier refusals from the same place. */
    default void bindSlowed(java.time.Duration delay) {
    }

    BindListener NONE = new BindListener() {
    };
}

package io.cxmyd.gateway.delivery;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.Reply;
import java.time.Duration;

/** How replies end, for metrics and logs. Every reply ends in exactly one of delivered, expired, rejected. */
public interface DeliveryListener {

    /** The carrier acknowledged the last part, {@code endToEnd} after the query arrived. */
    default void delivered(Reply reply, Duration endToEnd) {
    }

    /** An attempt failed with a temporary error; the reply will be tried again. */
    default void retried(Reply reply, DeliveryResult result) {
    }

    /** The validity period passed before the carrier acknowledged it, or the outbox was full or closed. */
    default void expired(Reply reply, Expiry why) {
    }

    /** The carrier refused it with a permanent error. */
    default void rejected(Reply reply, DeliveryResult result) {
    }

    DeliveryListener NONE = new DeliveryListener() {
    };
}

package io.cxmyd.gateway.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * @param validity how long after its query a reply may still be sent
 * @param retryInitial delay before the first retry; doubled per attempt
 * @param retryMax cap of the retry delay
 * @param queueCapacity replies waiting per carrier, at most
 * @param window replies being sent per carrier, at most, one part outstanding each (so deliver_sm
 *     outstanding); also the number of sender threads, which only block over links that do not pipeline
 * @param noBindRecheck how often a reply that waits for a receiver bind looks again (a new bind also wakes it)
 */
public record OutboxOptions(
        Duration validity,
        Duration retryInitial,
        Duration retryMax,
        int queueCapacity,
        int window,
        Duration noBindRecheck) {

    public OutboxOptions {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(noBindRecheck, "noBindRecheck");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity: must be positive, was " + validity);
        }
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retryInitial/retryMax: 0 < retryInitial <= retryMax, was "
                    + retryInitial + "/" + retryMax);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: at least 1, was " + queueCapacity);
        }
        if (window < 1 || window > 1024) {
            throw new IllegalArgumentException("window: between 1 and 1024, was " + window);
        }
    }

    /** The delay before retry number {@code attempt} (1-based): initial, 2x, 4x ... capped. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = retryInitial.multipliedBy(factor);
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }
}

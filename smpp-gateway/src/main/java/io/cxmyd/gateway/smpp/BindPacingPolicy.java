package io.cxmyd.gateway.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * How refused binds slow the next ones from the same place (never lock anyone out): after {@code freeFailures}
 * refusals within {@code window} from one address, or from one address for one system_id, every further bind
 * from there waits before it is decided, 250 ms doubling per failure up to {@code maxDelay}. The right password
 * waits as long as a wrong one, so the wait tells a guesser nothing; {@code maxDelay} stays below 5 s so that a
 * correct bind is always answered within the contract's 5 s. Immutable, validated when built.
 */
public record BindPacingPolicy(int freeFailures, Duration window, Duration maxDelay) {

    /** The first delay once the free failures are spent; it doubles from there. */
    public static final Duration FIRST_DELAY = Duration.ofMillis(250);

    /** The contract answers a correct bind within 5 s; the delay leaves a second for the rest. */
    public static final Duration MAX_DELAY_CEILING = Duration.ofSeconds(4);

    /** 3 free failures within 15 minutes, then up to 3 s per bind. */
    public static final BindPacingPolicy DEFAULT = new BindPacingPolicy(3, Duration.ofMinutes(15),
            Duration.ofSeconds(3));

    public BindPacingPolicy {
        Objects.requireNonNull(window, "smpp.bindFailures.window");
        Objects.requireNonNull(maxDelay, "smpp.bindFailures.maxDelay");
        if (freeFailures < 0 || freeFailures > 1000) {
            throw new IllegalArgumentException(
                    "smpp.bindFailures.free: must be between 0 and 1000, was " + freeFailures);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "smpp.bindFailures.window: must be positive and at most 1 day, was " + window);
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(MAX_DELAY_CEILING) > 0) {
            throw new IllegalArgumentException(
                    "smpp.bindFailures.maxDelay: must be between 0 and 4s, was " + maxDelay);
        }
    }

    /** The wait before deciding a bind from a place with {@code recentFailures} refusals in the window. */
    Duration delayAfter(int recentFailures) {
        if (recentFailures < freeFailures || maxDelay.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(recentFailures - freeFailures, 16);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}

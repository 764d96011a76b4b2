package io.cxmyd.gateway.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * When repeated bind failures lock a peer out: {@code failures} refusals within {@code window}, from one
 * address or for one system_id, refuse every bind from it (or as it) for {@code duration}, without looking at
 * the password. Immutable, validated when built.
 */
public record LockoutPolicy(int failures, Duration window, Duration duration) {

    /** 5 failures within 5 minutes lock out for 15 minutes. */
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(5), Duration.ofMinutes(15));

    public LockoutPolicy {
        Objects.requireNonNull(window, "smpp.lockout.window");
        Objects.requireNonNull(duration, "smpp.lockout.duration");
        if (failures < 1 || failures > 1000) {
            throw new IllegalArgumentException("smpp.lockout.failures: must be between 1 and 1000, was " + failures);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("smpp.lockout.window: must be positive and at most 1 day, was " + window);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "smpp.lockout.duration: must be positive and at most 1 day, was " + duration);
        }
    }
}

package io.cxmyd.gateway.consent;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the consent conversation runs, validated when built.
 *
 * @param window how long a prompt waits for its answer (default 10 minutes)
 * @param maxAttempts wrong ID codes allowed per day; the last one locks the number until the end of the day
 * @param zone where "the end of the day" is: the rules' zone (Asia/Shanghai)
 */
public record ConsentOptions(Duration window, int maxAttempts, ZoneId zone) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public ConsentOptions {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(zone, "zone");
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("window: between 1 ms and 1 day, was " + window);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts: between 1 and 100, was " + maxAttempts);
        }
    }

    public static ConsentOptions defaults(ZoneId zone) {
        return new ConsentOptions(DEFAULT_WINDOW, DEFAULT_MAX_ATTEMPTS, zone);
    }
}

package io.cxmyd.itinerary.source.http;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides when events skipped for an unknown area code deserve a WARN line: at most one per interval,
 * carrying what was skipped since the last one. A platform on a newer division list would otherwise log
 * on every lookup. Time comes from the injected clock; the decision is pure, the caller logs.
 */
final class SkippedAreaWarnings {

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final long intervalMillis;
    private long nextWarningAt = Long.MIN_VALUE;
    private long suppressed;

    SkippedAreaWarnings(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /**
     * Notes {@code events} skipped events with some of their {@code codes}.
     *
     * @return the warning to log now, or empty when one was logged less than an interval ago
     */
    synchronized Optional<Warning> record(int events, List<String> codes) {
        if (events <= 0) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (now < nextWarningAt) {
            suppressed += events;
            return Optional.empty();
        }
        nextWarningAt = now + intervalMillis;
        Warning warning = new Warning(events, codes, suppressed);
        suppressed = 0;
        return Optional.of(warning);
    }

    /**
     * @param events events skipped by this answer
     * @param codes some of the unknown codes, as the platform sent them
     * @param suppressedBefore events skipped since the last warning and not logged
     */
    record Warning(int events, List<String> codes, long suppressedBefore) {
    }
}

package io.cxmyd.gateway.smpp;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the accept loop does after accept() fails (typically "Too many open files"): pause, 10 ms doubling up
 * to 1 s, so a loop that cannot accept does not spin; and log at most once per interval, with the count of
 * failures since the last line. Without it, a file-descriptor exhaustion logged the same line up to 512 times
 * a second. Time comes from the given clock; one instance per accept loop, used by its thread only.
 */
final class AcceptBackoff {

    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    /** What to do after one failure: pause this long; log now when {@code failuresToLog} is above zero. */
    record Step(Duration pause, int failuresToLog) {
    }

    private final LongSupplier nanoTime;
    private final long logIntervalNanos;
    private Duration pause = Duration.ZERO;
    private int unlogged;
    private long lastLog;
    private boolean logged;

    AcceptBackoff(LongSupplier nanoTime, Duration logInterval) {
        this.nanoTime = nanoTime;
        this.logIntervalNanos = logInterval.toNanos();
    }

    Step failed() {
        pause = pause.isZero() ? FIRST_PAUSE : min(pause.multipliedBy(2), MAX_PAUSE);
        unlogged++;
        long now = nanoTime.getAsLong();
        if (!logged || now - lastLog >= logIntervalNanos) {
            logged = true;
            lastLog = now;
            int count = unlogged;
            unlogged = 0;
            return new Step(pause, count);
        }
        return new Step(pause, 0);
    }

    /** An accept worked: the next failure pauses briefly again (the log interval still holds). */
    void succeeded() {
        pause = Duration.ZERO;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package io.cxmyd.itinerary.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.function.Consumer;

/**
 * Keeps a dead or black-holed Redis off the lookup path. After {@code threshold} consecutive failures
 * Redis is skipped for {@code cooldown}; then one lookup probes it, and its success lets everyone back in.
 * So a Redis that is down costs nothing per lookup, and one that hangs costs at most one command timeout
 * per cool-down, while recovery needs no operator.
 *
 * <p>Time comes from a {@link Ticker} so tests step it by hand. Availability changes go to {@code
 * availability} outside the breaker's lock (lookups never wait for a log line), one report at a time and always
 * the latest state: two threads that flip it at once cannot leave the older value reported last.
 */
final class RedisBreaker {

    private enum State {
        CLOSED,
        OPEN,
        PROBING
    }

    private final int threshold;
    private final long cooldownNanos;
    private final Ticker ticker;
    private final Consumer<Boolean> availability;

    private State state = State.CLOSED;
    private int failures;
    private long since;
    private Boolean up; // the state to report; null before the first change
    private final Object reporting = new Object();
    private Boolean reported; // last given to availability; guarded by reporting

    RedisBreaker(int threshold, long cooldownNanos, Ticker ticker, Consumer<Boolean> availability) {
        this.threshold = threshold;
        this.cooldownNanos = cooldownNanos;
        this.ticker = ticker;
        this.availability = availability;
    }

    /** Whether this read may go to Redis; a {@code true} obliges the caller to report its outcome. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
            case PROBING:
                // A probe that never reported (it always should, through the command timeout) must not
                // keep Redis off forever: after another cool-down, the next lookup probes again.
                long now = ticker.read();
                if (now - since >= cooldownNanos) {
                    state = State.PROBING;
                    since = now;
                    return true;
                }
                return false;
            default:
                throw new AssertionError(state);
        }
    }

    /** Writes are best effort: never a probe, only while Redis is known good. */
    synchronized boolean allowsWrites() {
        return state == State.CLOSED;
    }

    void onSuccess() {
        boolean report;
        synchronized (this) {
            failures = 0;
            state = State.CLOSED;
            report = change(true);
        }
        if (report) {
            report();
        }
    }

    void onFailure() {
        boolean report = false;
        synchronized (this) {
            failures++;
            if (state == State.PROBING || (state == State.CLOSED && failures >= threshold)) {
                state = State.OPEN;
                since = ticker.read();
                report = change(false);
            }
        }
        if (report) {
            report();
        }
    }

    /** No connection could be made: reported once, not counted (nothing was sent). */
    void unreachable() {
        boolean report;
        synchronized (this) {
            report = change(false);
        }
        if (report) {
            report();
        }
    }

    /** Gives availability the current state, unless it was the last one given. */
    private void report() {
        synchronized (reporting) {
            Boolean now;
            synchronized (this) {
                now = up;
            }
            if (now != null && !now.equals(reported)) {
                reported = now;
                availability.accept(now);
            }
        }
    }

    private boolean change(boolean nowUp) {
        if (up != null && up == nowUp) {
            return false;
        }
        up = nowUp;
        return true;
    }
}

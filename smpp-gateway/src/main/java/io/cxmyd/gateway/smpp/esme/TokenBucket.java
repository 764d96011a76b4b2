package io.cxmyd.gateway.smpp.esme;

/**
 * The carrier's throughput cap: {@code ratePerSecond} submit_sm per second, with bursts of up to one second's
 * worth. Carriers count every part of a concatenated reply as one message, so each submit_sm takes a token.
 * Time is passed in (nanoseconds of a monotonic clock), so tests never sleep. Thread-safe.
 *
 * <p>{@link #reserve} always takes the token and says how long to wait before using it: senders then pace
 * themselves without spinning, and the order in which they asked is the order in which they may send.
 */
public final class TokenBucket {

    private final long nanosPerToken;
    /** How far ahead of now the schedule may run: the burst, less the token being taken. */
    private final long burstNanos;
    /** The theoretical time of the next send if sends were evenly spaced (the GCRA form of a token bucket). */
    private long next;

    public TokenBucket(int ratePerSecond, long nowNanos) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond: at least 1, was " + ratePerSecond);
        }
        this.nanosPerToken = 1_000_000_000L / ratePerSecond;
        this.burstNanos = nanosPerToken * (ratePerSecond - 1);
        this.next = nowNanos;
    }

    /**
     * Takes one token.
     *
     * @return nanoseconds to wait before sending (0 when a token was there)
     */
    public synchronized long reserve(long nowNanos) {
        // Never more than a full bucket banked: a quiet hour does not allow a burst of an hour's worth.
        if (nowNanos - next > 0) {
            next = nowNanos;
        }
        long wait = next - nowNanos - burstNanos;
        next += nanosPerToken;
        return Math.max(0, wait);
    }
}

package io.cxmyd.gateway.query;

/**
 * At most so many queries per subscriber per window: in this process ({@link RateLimiter}), or shared by
 * every instance through Redis ({@code io.cxmyd.gateway.redis.RedisSubscriberLimit}), so that N instances
 * do not give a subscriber N times the limit.
 */
public interface SubscriberLimit {

    /** Counts one query of the subscriber {@code key} (a keyed hash, never the number) and says what to do. */
    RateLimiter.Verdict acquire(long key);

    /** Whether {@link #acquire} may wait for another process's answer (Redis): true keeps it off batch threads. */
    default boolean waitsOnPeer() {
        return false;
    }
}

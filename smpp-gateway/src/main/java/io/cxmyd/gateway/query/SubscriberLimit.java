package io.cxmyd.gateway.query;

/**
 * At most so many queries per subscriber per window: in this process ({@link RateLimiter}), or shared by
 * every instance through Redis ({@code io.cxmyd.gateway.redis.RedisSubscriberLimit}), so that N instances
 * do not give a subscriber N times the limit.
 */
public interface SubscriberLimit {

    /** Counts one query of the subscriber {@code key} (a keyed hash, never the number) and says what to do. */
    RateLimiter.Verdict acquire(long key);
}

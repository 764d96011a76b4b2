package io.cxmyd.gateway.redis;

import io.cxmyd.gateway.query.RateLimiter;
import io.cxmyd.gateway.query.SubscriberLimit;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-subscriber limit ({@code limits.perSubscriber}) shared by every instance on one Redis or Redis
 * Cluster: the same fixed window as {@link RateLimiter} (it opens at the subscriber's first query), counted
 * by one script ({@code INCR}, and {@code PEXPIRE} when the count is new) under
 * {@code cxmyd:v1:limit:{<16 hex>}}, the 64-bit keyed hash of the number (the shared {@code cache.hashKey}),
 * never the number. The hash is the key's hash tag, so that any later per-subscriber key can be touched by
 * the same script on a cluster.
 *
 * <p>Redis down, slow or not yet connected: the in-process limiter answers instead (each instance then
 * counts alone, as before this class; the limit is loosened by the number of instances, never removed, and
 * a query never waits longer than the command timeout for it).
 */
public final class RedisSubscriberLimit implements SubscriberLimit {

    private static final Logger log = LoggerFactory.getLogger(RedisSubscriberLimit.class);
    static final String PREFIX = "cxmyd:v1:limit:";
    /** KEYS[1] the subscriber's counter; ARGV[1] the window in ms. A counter without TTL (never expected) gets one. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return n
            """;

    private final GatewayRedis redis;
    private final int max;
    private final String windowMillis;
    private final RateLimiter fallback;
    private final long waitMillis;

    /**
     * @param fallback the in-process limiter used while Redis cannot answer
     * @param commandTimeout the connection's command timeout (a query waits that long at most)
     */
    public RedisSubscriberLimit(GatewayRedis redis, int max, Duration window, RateLimiter fallback,
            Duration commandTimeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max: at least 1, was " + max);
        }
        this.redis = redis;
        this.max = max;
        this.windowMillis = Long.toString(window.toMillis());
        this.fallback = fallback;
        this.waitMillis = commandTimeout.toMillis() + 100;
    }

    @Override
    public RateLimiter.Verdict acquire(long key) {
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c == null) {
            return fallback.acquire(key);
        }
        try {
            Long n = c.<Long>eval(COUNT, ScriptOutputType.INTEGER, new String[] {key(key)}, windowMillis)
                    .get(waitMillis, TimeUnit.MILLISECONDS);
            return verdict(n, max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback.acquire(key);
        } catch (Exception e) {
            log.debug("{}: shared limit not counted ({}), counted in this process", redis.where(), e.toString());
            return fallback.acquire(key);
        }
    }

    /** Waits for Redis, up to the command timeout. */
    @Override
    public boolean waitsOnPeer() {
        return true;
    }

    /** The count of this window so far, this query included, as a verdict. Pure, for tests. */
    static RateLimiter.Verdict verdict(long count, int max) {
        if (count <= max) {
            return RateLimiter.Verdict.ALLOWED;
        }
        return count == max + 1L ? RateLimiter.Verdict.FIRST_OVER : RateLimiter.Verdict.OVER;
    }

    static String key(long key) {
        return PREFIX + "{" + String.format("%016x", key) + "}";
    }
}

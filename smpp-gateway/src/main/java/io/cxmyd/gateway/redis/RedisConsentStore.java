package io.cxmyd.gateway.redis;

import io.cxmyd.gateway.consent.ConsentRules;
import io.cxmyd.gateway.consent.ConsentState;
import io.cxmyd.gateway.consent.ConsentStore;
import io.cxmyd.gateway.consent.ConsentStoreException;
import io.cxmyd.gateway.consent.Decision;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Consent states shared by every gateway instance on one Redis (issue 7 item 4): a prompt sent by one
 * instance is answered through any other. Key {@code cxmyd:v1:consent:<16 hex>}, the 64-bit keyed hash of
 * the number the query path computes (with the shared {@code cache.hashKey}), never the number; the value
 * holds only instants and a count ({@link ConsentStateCodec}); its TTL is the instant the rules stop caring
 * (the prompt's window, the lockout's end, the end of the day wrong codes count for).
 *
 * <p>Atomic per key by optimistic concurrency: read, apply the (pure) step, then a compare-and-set script
 * writes only if the value is still the one read; otherwise read and step again. No WATCH: it is
 * per-connection state, and the connection is shared by every thread.
 */
public final class RedisConsentStore implements ConsentStore {

    static final String PREFIX = "cxmyd:v1:consent:";
    /**
     * Two texts of one subscriber at the same moment are rare, and within an instance they queue on a lock;
     * only instances race. Sixteen losses in a row means trouble, not bad luck.
     */
    private static final int MAX_TRIES = 16;
    private static final int STRIPES = 64;
    /** KEYS[1] the key; ARGV: the value read ('' = none), the next value ('' = forget), its TTL in ms. */
    private static final String COMPARE_AND_SET = """
            local cur = redis.call('GET', KEYS[1])
            if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
              if ARGV[2] == '' then
                redis.call('DEL', KEYS[1])
              else
                redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              end
              return 1
            end
            return 0
            """;

    private final GatewayRedis redis;
    private final ConsentRules rules;
    private final Clock clock;
    private final long waitMillis;
    private final Object[] stripes = new Object[STRIPES];

    /**
     * @param commandTimeout the connection's command timeout: each of the two commands of an update waits
     *     that long at most (a little more, should lettuce's own timer be late)
     */
    public RedisConsentStore(GatewayRedis redis, ConsentRules rules, Clock clock, Duration commandTimeout) {
        this.redis = redis;
        this.rules = rules;
        this.clock = clock;
        this.waitMillis = commandTimeout.toMillis() + 100;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public Decision update(long key, Function<ConsentState, ConsentRules.Step> step) {
        // Texts of one subscriber on this instance take turns: the compare-and-set then only races other
        // instances, not this one's own worker threads.
        synchronized (stripes[(int) Math.floorMod(key, (long) STRIPES)]) {
            return updateShared(key, step);
        }
    }

    private Decision updateShared(long key, Function<ConsentState, ConsentRules.Step> step) {
        String k = key(key);
        for (int i = 0; i < MAX_TRIES; i++) {
            if (i > 0) {
                backOff(i);
            }
            RedisClusterAsyncCommands<String, String> c = redis.commands();
            if (c == null) {
                throw new ConsentStoreException("consent state: " + redis.where() + " not connected");
            }
            String raw = await(c.get(k), "GET");
            ConsentRules.Step s = step.apply(ConsentStateCodec.decode(raw).orElse(null));
            String next = "";
            long ttl = 0;
            if (s.next() != null) {
                ttl = Duration.between(clock.instant(), rules.retainUntil(s.next())).toMillis();
                next = ttl > 0 ? ConsentStateCodec.encode(s.next()) : "";
            }
            Long set = await(c.eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new String[] {k},
                    raw == null ? "" : raw, next, Long.toString(Math.max(ttl, 1))), "compare-and-set");
            if (set != null && set == 1L) {
                return s.decision();
            }
        }
        throw new ConsentStoreException("consent state: changed by other texts " + MAX_TRIES + " times in a row");
    }

    /** A short random pause, so two instances that collided do not collide again in lockstep. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsentStoreException("consent state: interrupted");
        }
    }

    static String key(long key) {
        return PREFIX + String.format("%016x", key);
    }

    private <T> T await(RedisFuture<T> f, String what) {
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConsentStoreException("consent state: " + what + " on " + redis.where() + " failed: "
                    + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConsentStoreException("consent state: " + what + " on " + redis.where() + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsentStoreException("consent state: interrupted");
        }
    }
}

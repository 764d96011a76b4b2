package io.cxmyd.itinerary.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.Tier;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier: one lettuce connection (lettuce multiplexes, so one is enough), reads bounded by the
 * command timeout and guarded by a {@link RedisBreaker}, writes fire-and-forget.
 *
 * <p>Never a single point of failure: every read completes, normally, within the command timeout, with
 * an empty result when Redis is down, slow or not yet connected. lettuce completes its futures on its
 * event loop; every continuation here hops to the client's executor at once, so no decoding (nor anything
 * the caller chains) runs on lettuce's threads.
 */
final class RedisTier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

    private final RedisConnector connector;
    private final String where;
    private final RedisBreaker breaker;
    private final LookupEvents events;
    private final Executor executor;
    private final Ticker ticker;
    private final long retryNanos;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final Duration probeInterval;

    private volatile RedisLink connection;
    private volatile long nextConnectAt;
    private volatile boolean closed;

    private RedisTier(CacheOptions options, LookupEvents events, Executor executor, Ticker ticker) {
        // On a cluster, reads go to replicas: a cache entry a few ms behind its master is at worst a miss.
        this.connector = RedisConnector.create(options.redisEndpoints().orElseThrow(), new RedisConnector.Settings(
                options.redisConnectTimeout(), options.redisCommandTimeout(), options.redisRequestQueueSize(),
                options.redisRetryInterval(), true));
        this.where = connector.where();
        this.events = events;
        this.executor = executor;
        this.ticker = ticker;
        this.retryNanos = options.redisRetryInterval().toNanos();
        this.breaker = new RedisBreaker(options.redisFailureThreshold(), retryNanos, ticker, this::availability);
        this.nextConnectAt = ticker.read();
        this.probeInterval = options.redisProbeInterval();
    }

    static RedisTier start(CacheOptions options, LookupEvents events, Executor executor, Ticker ticker) {
        RedisTier tier = new RedisTier(options, events, executor, ticker);
        tier.connection(); // connect in the background; lookups skip Redis until it is there
        // lettuce's timer only starts the probe: it runs on the executor, like every continuation here.
        tier.connector.scheduler().scheduleWithFixedDelay(tier::scheduleProbe, tier.probeInterval.toNanos(),
                tier.probeInterval.toNanos(), TimeUnit.NANOSECONDS);
        return tier;
    }

    static ClientOptions clientOptions(CacheOptions options) {
        return RedisClientOptions.of(options.redisConnectTimeout(), options.redisCommandTimeout(),
                options.redisRequestQueueSize());
    }

    /**
     * The value under {@code key}, read through {@code decoder} (empty = unreadable, a miss). Completes
     * normally, on the executor, with empty when Redis has no value, fails, times out or is skipped.
     */
    <T> CompletableFuture<Optional<T>> get(String key, Function<String, Optional<T>> decoder) {
        RedisLink c = connection();
        if (c == null || !breaker.tryAcquire()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<String> reply;
        try {
            reply = c.async().get(key).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handleAsync((json, error) -> {
            if (error != null) {
                failed("GET", error);
                events.cacheRequest(Tier.REDIS, false);
                return Optional.<T>empty();
            }
            breaker.onSuccess();
            Optional<T> value = json == null ? Optional.empty() : decoder.apply(json);
            events.cacheRequest(Tier.REDIS, value.isPresent());
            return value;
        }, executor);
    }

    /** Stores {@code value} for {@code ttlMillis}, without waiting: a lost write only costs a later miss. */
    void put(String key, String value, long ttlMillis) {
        RedisLink c = connection();
        if (c == null || ttlMillis < 1 || !breaker.allowsWrites()) {
            return;
        }
        try {
            c.async().set(key, value, SetArgs.Builder.px(ttlMillis)).whenCompleteAsync((ok, error) -> {
                if (error != null) {
                    failed("SET", error);
                } else {
                    breaker.onSuccess();
                }
            }, executor);
        } catch (RuntimeException e) {
            failed("SET", e);
        }
    }

    /**
     * The background check: a PING on the lookups' connection every probe interval, so that availability
     * follows Redis without lookups (an idle gateway's {@code cxmyd_redis_up} used to stay at its last
     * value). Its outcome feeds the breaker like a read's: a success lets lookups back in at once, failures
     * count towards the threshold. Runs on the executor, never on lettuce's threads.
     */
    private void scheduleProbe() {
        try {
            executor.execute(this::probe);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the client is closing: no more probes
        }
    }

    private void probe() {
        if (closed) {
            return;
        }
        RedisLink c = connection();
        if (c == null) {
            return; // not connected yet: the connect attempts report unreachable themselves
        }
        if (!c.isOpen()) {
            breaker.unreachable(); // lettuce is reconnecting: nothing to send, nothing to count
            return;
        }
        try {
            c.async().ping().whenCompleteAsync((pong, error) -> {
                if (error != null) {
                    failed("PING", error);
                } else {
                    breaker.onSuccess();
                }
            }, executor);
        } catch (RuntimeException e) {
            failed("PING", e);
        }
    }

    private void failed(String command, Throwable error) {
        log.debug("{}: {} failed: {}", where, command, error.toString());
        breaker.onFailure();
    }

    /** The connection, or null while there is none; starts a connect attempt when one is due. */
    private RedisLink connection() {
        RedisLink c = connection;
        if (c == null && ticker.read() - nextConnectAt >= 0) {
            connect();
        }
        return c;
    }

    /**
     * One connect attempt unless one is under way; a failed one schedules the next, so a Redis that was
     * down at start-up is picked up by itself. Once connected, lettuce's watchdog reconnects.
     */
    private void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            connector.connectAsync().whenCompleteAsync((conn, error) -> {
                if (error == null && !closed) {
                    connection = conn;
                    log.info("{}: connected", where);
                    breaker.onSuccess();
                } else if (error == null) {
                    conn.closeAsync();
                } else {
                    log.debug("{}: connect failed: {}", where, error.toString());
                    retryLater();
                }
                connecting.set(false);
            }, executor);
        } catch (RuntimeException e) {
            log.warn("{}: cannot connect: {}", where, e.toString());
            connecting.set(false);
            retryLater();
        }
    }

    private void retryLater() {
        nextConnectAt = ticker.read() + retryNanos;
        breaker.unreachable();
        if (!closed) {
            connector.scheduler().schedule(this::connect, retryNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void availability(boolean up) {
        if (up) {
            log.info("{}: available", where);
        } else {
            log.warn("{}: unavailable, lookups go to the source; retrying every {} ms", where,
                    TimeUnit.NANOSECONDS.toMillis(retryNanos));
        }
        events.redisAvailability(up);
    }

    @Override
    public void close() {
        closed = true;
        RedisLink c = connection;
        if (c != null) {
            c.close();
        }
        connector.close();
    }
}

package io.cxmyd.itinerary.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Tier;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Near cache (Caffeine), then Redis when configured, then the loader the caller gives (the source).
 *
 * <p>An entry lives until the data day's next refresh, since nothing computed for a data day can change
 * before then; a no-data entry only for {@link CacheOptions#noDataTtl()}, and never past the refresh. The
 * lifetime is {@code nextRefresh - at} measured on the {@link Ticker}, not on the wall clock: with the
 * gateway's pinned rules clock ({@code clock:} in the config) {@code at} stands still while expiry keeps
 * running in real time.
 *
 * <p>Concurrent misses for one key load once: the near cache holds the in-flight future and every
 * lookup of that key joins it. A failed load is dropped from the cache at once, so failures are never
 * cached.
 */
public final class TieredCache implements AutoCloseable {

    /** A cached value and the tier that answered. */
    public record Hit(DayValue value, Tier tier) {
    }

    /** A loaded value, or a failed load ({@code failure} set) that expires at once. */
    private record Entry(DayValue value, Tier origin, long expiresAtNanos, Throwable failure) {
        static Entry failed(Throwable failure) {
            return new Entry(null, null, Long.MIN_VALUE, failure);
        }
    }

    private final AsyncCache<String, Entry> near;
    private final CacheKeys keys;
    private final DayValueCodec codec;
    private final RedisTier redis; // null: in-process only
    private final LookupEvents events;
    private final Executor executor;
    private final Ticker ticker;
    private final long noDataTtlNanos;

    private TieredCache(CacheOptions options, CacheKeys keys, AreaCatalog catalog, LookupEvents events,
            Executor executor, Ticker ticker, RedisTier redis) {
        this.keys = keys;
        this.codec = new DayValueCodec(catalog);
        this.events = events;
        this.executor = executor;
        this.ticker = ticker;
        this.redis = redis;
        this.noDataTtlNanos = options.noDataTtl().toNanos();
        this.near = Caffeine.newBuilder()
                .maximumSize(options.nearMaximumSize())
                .ticker(ticker)
                // Caffeine's upkeep (read and write buffers drained, evictions) runs on the thread that
                // triggered it, under a tryLock, never waiting: handed to the executor, it woke a lookup
                // thread every few hits (0.8% of the gateway's CPU in unpark alone, docs/performance.md).
                .executor(Runnable::run)
                .expireAfter(new UntilDeadline())
                .buildAsync();
    }

    /**
     * A cache over {@code options}; connects to Redis in the background when one is configured.
     *
     * @param executor where loads start and where every continuation of Redis runs
     * @param ticker the time of expiry and of Redis' retry interval
     */
    public static TieredCache create(CacheOptions options, AreaCatalog catalog, LookupEvents events,
            Executor executor, Ticker ticker) {
        RedisTier redis = options.redisEndpoints().isPresent() ? RedisTier.start(options, events, executor, ticker) : null;
        return new TieredCache(options, CacheKeys.from(options), catalog, events, executor, ticker, redis);
    }

    /**
     * {@code msisdn}'s value for {@code day}, queried at {@code at}; {@code loader} is called (on the
     * executor) only when no tier has it. The future fails only when the loader's does.
     */
    public CompletableFuture<Hit> get(Msisdn msisdn, DataDay day, Instant at,
            Supplier<CompletableFuture<DayValue>> loader) {
        String key = keys.key(msisdn, day.day());
        long untilRefresh = Math.max(0, Duration.between(at, day.nextRefresh()).toNanos());
        boolean[] created = {false};
        CompletableFuture<Entry> entry = near.get(key, (k, ignored) -> {
            created[0] = true; // the mapping function runs in this call, only when the key is absent
            long start = ticker.read();
            // A failed load completes normally with a failed entry: Caffeine would log every failed
            // future with its stack trace, and a source outage would flood the log.
            return CompletableFuture.completedFuture(null)
                    .thenComposeAsync(x -> loadBelowNear(k, start, untilRefresh, loader), executor)
                    .exceptionally(Entry::failed);
        });
        boolean nearHit = !created[0];
        events.cacheRequest(Tier.NEAR, nearHit);
        return entry.thenApply(e -> {
            if (e.failure() != null) {
                // Expired at once anyway; removing it before the caller has its answer makes a retry
                // always a fresh load.
                near.asMap().remove(key, entry);
                throw e.failure() instanceof CompletionException ce ? ce : new CompletionException(e.failure());
            }
            return new Hit(e.value(), nearHit ? Tier.NEAR : e.origin());
        });
    }

    private CompletableFuture<Entry> loadBelowNear(String key, long start, long untilRefresh,
            Supplier<CompletableFuture<DayValue>> loader) {
        CompletableFuture<Optional<DayValue>> shared = redis == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : redis.get(key, codec::decode);
        return shared.thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(entry(found.get(), Tier.REDIS, start, untilRefresh));
            }
            return loader.get().thenApply(value -> {
                Entry e = entry(value, Tier.SOURCE, start, untilRefresh);
                if (redis != null) {
                    long ttlMillis = TimeUnit.NANOSECONDS.toMillis(e.expiresAtNanos() - ticker.read());
                    redis.put(key, codec.encode(value), ttlMillis);
                }
                return e;
            });
        });
    }

    private Entry entry(DayValue value, Tier origin, long start, long untilRefresh) {
        long ttl = value.noData() ? Math.min(noDataTtlNanos, untilRefresh) : untilRefresh;
        return new Entry(value, origin, start + ttl, null);
    }

    /** Each entry expires at its own deadline, fixed when its load started. */
    private static final class UntilDeadline implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry value, long currentTime) {
            return value.failure() != null ? 0 : Math.max(0, value.expiresAtNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** Entries held in process (approximate). */
    public long nearSize() {
        return near.synchronous().estimatedSize();
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}

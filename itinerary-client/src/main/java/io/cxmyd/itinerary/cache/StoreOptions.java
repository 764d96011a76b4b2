package io.cxmyd.itinerary.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code itinerary.source: store} reads (docs/batch.md), validated when built; messages name the
 * gateway's config keys.
 *
 * @param redisUris one Redis URI, or the seeds of a Redis Cluster when {@code cluster}
 * @param cluster whether {@code redisUris} are cluster seeds ({@code store.redisCluster})
 * @param hashKey the job's {@code --hash-key}: the entries' keyed hash
 * @param commandTimeout a read's bound; past it the lookup answers busy
 * @param readinessInterval how often the day's marker is looked for
 */
public record StoreOptions(List<String> redisUris, boolean cluster, String hashKey, Duration commandTimeout,
        Duration readinessInterval) {

    /** The shortest hash key accepted, as for {@code cache.hashKey}. */
    public static final int MIN_HASH_KEY = 16;

    public StoreOptions {
        redisUris = List.copyOf(redisUris);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(readinessInterval, "readinessInterval");
        if (redisUris.isEmpty()) {
            throw new IllegalArgumentException("itinerary.store: redis or redisCluster required");
        }
        if (!cluster && redisUris.size() != 1) {
            throw new IllegalArgumentException("itinerary.store.redis: one URI, was " + redisUris.size());
        }
        if (hashKey == null || hashKey.length() < MIN_HASH_KEY) {
            throw new IllegalArgumentException("itinerary.store.hashKey: at least " + MIN_HASH_KEY
                    + " characters, was " + (hashKey == null ? 0 : hashKey.length()));
        }
    }

    /** A single Redis, 500 ms reads, the marker looked for every second. */
    public static StoreOptions redis(String uri, String hashKey) {
        return new StoreOptions(List.of(uri), false, hashKey, Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    CacheKeys keys() {
        return CacheKeys.withSecret(hashKey.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "StoreOptions[redisUris=" + redisUris.size() + ", cluster=" + cluster + "]"; // never the key
    }
}

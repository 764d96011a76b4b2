package io.cxmyd.itinerary.cache;

import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where the product's Redis is: one server ({@code cache.redis}) or the seeds of a Redis Cluster
 * ({@code cache.redisCluster}). Plain values, validated when built, so that config code can hold one without
 * knowing lettuce; {@link RedisConnector} turns it into a connection of the right kind.
 */
public final class RedisEndpoints {

    private final List<String> uris;
    private final boolean cluster;

    private RedisEndpoints(List<String> uris, boolean cluster) {
        this.uris = List.copyOf(uris);
        this.cluster = cluster;
    }

    /** One Redis server: {@code redis://host:port} (or {@code rediss://}). */
    public static RedisEndpoints standalone(String uri) {
        check("cache.redis", uri);
        return new RedisEndpoints(List.of(uri.strip()), false);
    }

    /**
     * A Redis Cluster, found through {@code seeds} (any reachable one gives the whole topology; list a few
     * so that one down at start-up does not matter).
     */
    public static RedisEndpoints cluster(List<String> seeds) {
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("cache.redisCluster: at least one seed, was none");
        }
        for (int i = 0; i < seeds.size(); i++) {
            check("cache.redisCluster[" + i + "]", seeds.get(i));
        }
        return new RedisEndpoints(seeds.stream().map(String::strip).toList(), true);
    }

    private static void check(String key, String uri) {
        try {
            RedisURI parsed = RedisURI.create(Objects.requireNonNull(uri, "uri").strip());
            Objects.requireNonNull(parsed.getHost(), "host");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": not a redis:// URI, was " + CacheOptions.redacted(uri), e);
        }
    }

    /** True for a Redis Cluster (seeds), false for one server. */
    public boolean cluster() {
        return cluster;
    }

    /** The URI of one server, or the cluster's seeds; may hold a password: never log them, see {@link #toString()}. */
    public List<String> uris() {
        return uris;
    }

    List<RedisURI> redisUris() {
        return uris.stream().map(RedisURI::create).toList();
    }

    /** {@code redis 127.0.0.1:6379} or {@code redis cluster 127.0.0.1:7000,127.0.0.1:7001}: no password. */
    @Override
    public String toString() {
        String hosts = redisUris().stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
        return (cluster ? "redis cluster " : "redis ") + hosts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisEndpoints e && e.cluster == cluster && e.uris.equals(uris);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uris, cluster);
    }
}

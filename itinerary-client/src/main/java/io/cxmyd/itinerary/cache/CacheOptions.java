package io.cxmyd.itinerary.cache;

import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The cache's tunables, immutable and validated when built. Option names in messages are those of the
 * gateway's {@code cache:} block, so a bad value points at its config key.
 *
 * <p>Redis settings are chosen on purpose rather than left at lettuce's defaults, which queue commands
 * without bound while disconnected and wait 60 s for an answer: see docs/cache.md.
 */
public final class CacheOptions {

    private final long nearMaximumSize;
    private final Duration noDataTtl;
    private final String redisUri;
    private final java.util.List<String> redisCluster;
    private final Duration redisCommandTimeout;
    private final Duration redisConnectTimeout;
    private final int redisRequestQueueSize;
    private final int redisFailureThreshold;
    private final Duration redisRetryInterval;
    private final Duration redisProbeInterval;
    private final byte[] hashKey;

    private CacheOptions(Builder b) {
        this.nearMaximumSize = b.nearMaximumSize;
        this.noDataTtl = b.noDataTtl;
        this.redisUri = b.redisUri;
        this.redisCluster = b.redisCluster;
        this.redisCommandTimeout = b.redisCommandTimeout;
        this.redisConnectTimeout = b.redisConnectTimeout;
        this.redisRequestQueueSize = b.redisRequestQueueSize;
        this.redisFailureThreshold = b.redisFailureThreshold;
        this.redisRetryInterval = b.redisRetryInterval;
        this.redisProbeInterval = b.redisProbeInterval;
        this.hashKey = b.hashKey == null ? null : b.hashKey.clone();
    }

    /** In-process only, with the defaults below. */
    public static CacheOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entries the near cache holds at most (default 100,000: about 30 MB at a few hundred bytes each). */
    public long nearMaximumSize() {
        return nearMaximumSize;
    }

    /** How long an unknown number or a window without events stays cached (default 5 minutes). */
    public Duration noDataTtl() {
        return noDataTtl;
    }

    /** {@code redis://host:port}, or empty for the in-process cache only. */
    public Optional<String> redisUri() {
        return Optional.ofNullable(redisUri);
    }

    /**
     * Where Redis is: {@code cache.redis} (one server) or {@code cache.redisCluster} (the seeds of a Redis
     * Cluster); empty for the in-process cache only.
     */
    public Optional<RedisEndpoints> redisEndpoints() {
        if (redisCluster != null) {
            return Optional.of(RedisEndpoints.cluster(redisCluster));
        }
        return redisUri().map(RedisEndpoints::standalone);
    }

    /** The longest a Redis command may take before the lookup goes on to the source (default 100 ms). */
    public Duration redisCommandTimeout() {
        return redisCommandTimeout;
    }

    /** TCP connect and handshake timeout to Redis (default 1 s); connecting never delays a lookup. */
    public Duration redisConnectTimeout() {
        return redisConnectTimeout;
    }

    /** Commands lettuce may hold in flight on the connection (default 10,000); more fail at once. */
    public int redisRequestQueueSize() {
        return redisRequestQueueSize;
    }

    /** Consecutive Redis failures after which Redis is skipped for {@link #redisRetryInterval()} (default 3). */
    public int redisFailureThreshold() {
        return redisFailureThreshold;
    }

    /** How long Redis is skipped after it failed, and the longest wait between reconnect attempts (1 s). */
    public Duration redisRetryInterval() {
        return redisRetryInterval;
    }

    /**
     * How often a background PING checks Redis (5 s), off the lookup path, so that the availability event
     * (the gateway's {@code cxmyd_redis_up}) follows Redis on an idle client too.
     */
    public Duration redisProbeInterval() {
        return redisProbeInterval;
    }

    /**
     * The secret of the keyed hash that names cache entries; empty = a random key per process, which is
     * right for one instance but makes a shared Redis useless across instances (each would write its own
     * keys).
     */
    public Optional<byte[]> hashKey() {
        return Optional.ofNullable(hashKey).map(byte[]::clone);
    }

    /** The URI with any password hidden, for logs and messages. */
    static String redacted(String uri) {
        return uri == null ? "null" : uri.replaceAll("//[^@/]*@", "//***@");
    }

    public static final class Builder {

        private long nearMaximumSize = 100_000;
        private Duration noDataTtl = Duration.ofMinutes(5);
        private String redisUri;
        private java.util.List<String> redisCluster;
        private Duration redisCommandTimeout = Duration.ofMillis(100);
        private Duration redisConnectTimeout = Duration.ofSeconds(1);
        private int redisRequestQueueSize = 10_000;
        private int redisFailureThreshold = 3;
        private Duration redisRetryInterval = Duration.ofSeconds(1);
        private Duration redisProbeInterval = Duration.ofSeconds(5);
        private byte[] hashKey;

        private Builder() {
        }

        public Builder nearMaximumSize(long size) {
            this.nearMaximumSize = size;
            return this;
        }

        public Builder noDataTtl(Duration ttl) {
            this.noDataTtl = ttl;
            return this;
        }

        /** {@code null} or blank: no Redis. */
        public Builder redisUri(String uri) {
            this.redisUri = uri == null || uri.isBlank() ? null : uri.strip();
            return this;
        }

        /** The seeds of a Redis Cluster, instead of {@link #redisUri}; {@code null} or empty: no cluster. */
        public Builder redisClusterSeeds(java.util.List<String> seeds) {
            this.redisCluster = seeds == null || seeds.isEmpty() ? null : java.util.List.copyOf(seeds);
            return this;
        }

        public Builder redisCommandTimeout(Duration timeout) {
            this.redisCommandTimeout = timeout;
            return this;
        }

        public Builder redisConnectTimeout(Duration timeout) {
            this.redisConnectTimeout = timeout;
            return this;
        }

        public Builder redisRequestQueueSize(int size) {
            this.redisRequestQueueSize = size;
            return this;
        }

        public Builder redisFailureThreshold(int failures) {
            this.redisFailureThreshold = failures;
            return this;
        }

        public Builder redisRetryInterval(Duration interval) {
            this.redisRetryInterval = interval;
            return this;
        }

        public Builder redisProbeInterval(Duration interval) {
            this.redisProbeInterval = interval;
            return this;
        }

        public Builder hashKey(byte[] key) {
            this.hashKey = key == null ? null : key.clone();
            return this;
        }

        /** The secret as text (UTF-8), as a config file holds it. */
        public Builder hashKey(String key) {
            return hashKey(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        }

        public CacheOptions build() {
            if (nearMaximumSize < 1) {
                throw invalid("cache.nearMaximumSize", "at least 1", nearMaximumSize);
            }
            positive("cache.noDataTtl", noDataTtl);
            positive("cache.redisCommandTimeout", redisCommandTimeout);
            positive("cache.redisConnectTimeout", redisConnectTimeout);
            positive("cache.redisRetryInterval", redisRetryInterval);
            positive("cache.redisProbeInterval", redisProbeInterval);
            if (redisProbeInterval.compareTo(Duration.ofMillis(50)) < 0) {
                // Every probe is a command on the lookups' connection: a tighter loop only adds load.
                throw invalid("cache.redisProbeInterval", "at least 50 ms", redisProbeInterval);
            }
            if (redisCommandTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
                throw invalid("cache.redisCommandTimeout", "at most 10 s (Redis is a cache, not worth waiting for)",
                        redisCommandTimeout);
            }
            if (redisRequestQueueSize < 1) {
                throw invalid("cache.redisRequestQueueSize", "at least 1", redisRequestQueueSize);
            }
            if (redisFailureThreshold < 1) {
                throw invalid("cache.redisFailureThreshold", "at least 1", redisFailureThreshold);
            }
            if (hashKey != null && hashKey.length < 16) {
                // The number space is small (about 10^10): a short key would make the hash guessable.
                throw invalid("cache.hashKey", "at least 16 bytes", hashKey.length + " bytes");
            }
            if (redisUri != null) {
                try {
                    RedisURI uri = RedisURI.create(redisUri);
                    Objects.requireNonNull(uri.getHost(), "host");
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "cache.redis: not a redis:// URI, was " + redacted(redisUri), e);
                }
            }
            if (redisCluster != null) {
                if (redisUri != null) {
                    throw new IllegalArgumentException("cache.redisCluster: set either cache.redis or cache.redisCluster,"
                            + " not both");
                }
                RedisEndpoints.cluster(redisCluster); // validates every seed, naming its index
            }
            return new CacheOptions(this);
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw invalid(name, "must be positive", d);
            }
        }

        private static IllegalArgumentException invalid(String name, String rule, Object value) {
            return new IllegalArgumentException(name + ": " + rule + ", was " + value);
        }
    }

    @Override
    public String toString() {
        return "CacheOptions{nearMaximumSize=" + nearMaximumSize + ", noDataTtl=" + noDataTtl
                + ", redis=" + (redisCluster != null ? RedisEndpoints.cluster(redisCluster) : redacted(redisUri)) + ", redisCommandTimeout=" + redisCommandTimeout
                + ", redisConnectTimeout=" + redisConnectTimeout + ", redisRequestQueueSize="
                + redisRequestQueueSize + ", redisFailureThreshold=" + redisFailureThreshold
                + ", redisRetryInterval=" + redisRetryInterval + ", redisProbeInterval=" + redisProbeInterval
                + ", hashKey="
                + (hashKey == null ? "random" : "configured") + "}";
    }
}

package io.cxmyd.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code itinerary.store} block: the Spark job's results in Redis or a Redis Cluster (docs/batch.md). */
final class StoreSection {

    /** As for {@code cache.hashKey}: shorter keys make the keyed hash guessable. */
    static final int MIN_HASH_KEY = 16;

    private StoreSection() {
    }

    static GatewayConfig.Store store(ConfigNode n) {
        boolean single = n.has("redis");
        boolean cluster = n.has("redisCluster");
        if (single == cluster) {
            throw new ConfigException(n.key("redis"), single ? "give redis or redisCluster, not both"
                    : "required (or redisCluster: a list of seed URIs)");
        }
        List<URI> uris = new ArrayList<>();
        if (single) {
            uris.add(uri(n.key("redis"), n.requiredString("redis")));
        } else {
            List<String> seeds = n.strings("redisCluster");
            if (seeds.isEmpty()) {
                throw new ConfigException(n.key("redisCluster"), "must list at least one seed URI");
            }
            for (int i = 0; i < seeds.size(); i++) {
                uris.add(uri(n.key("redisCluster") + "[" + i + "]", seeds.get(i)));
            }
        }
        String hashKey = n.requiredString("hashKey");
        if (hashKey.length() < MIN_HASH_KEY) {
            throw new ConfigException(n.key("hashKey"),
                    "at least " + MIN_HASH_KEY + " characters, was " + hashKey.length());
        }
        Duration timeout = n.duration("timeout", Duration.ofMillis(500), Duration.ofMillis(5), Duration.ofSeconds(10));
        n.finish();
        return new GatewayConfig.Store(List.copyOf(uris), cluster, hashKey, timeout);
    }

    private static URI uri(String key, String text) {
        try {
            URI uri = new URI(text);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key, "must be a redis://host:port URI, was \"" + text + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "must be a redis://host:port URI, was \"" + text + "\"");
        }
    }
}

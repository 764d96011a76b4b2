package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itinerary.source: store} and its block (docs/batch.md, docs/configuration.md). */
class StoreConfigTest {

    @TempDir
    Path dir;

    /** {@link MinimalConfig#YAML} with the store source and {@code store} (the lines under itinerary). */
    private static String config(String store) {
        String local = "  source: local\n  local:\n    dir: data\n";
        if (!MinimalConfig.YAML.contains(local)) {
            throw new IllegalStateException("MinimalConfig's itinerary block changed");
        }
        return MinimalConfig.YAML.replace(local, "  source: store\n" + store + "\n");
    }

    private GatewayConfig parse(String yaml) {
        return MinimalConfig.parse(dir, yaml, Map.of("CXMYD_HASH_KEY", "from-env-0123456789"));
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aSingleRedisWithTheHashKeyFromTheEnvironmentIsRead() {
        GatewayConfig c = parse(config(
                "  store:\n    redis: redis://127.0.0.1:6379\n    hashKey: ${CXMYD_HASH_KEY}"));

        GatewayConfig.Store s = c.itinerary().store();
        assertThat(c.itinerary().source()).isEqualTo("store");
        assertThat(s.cluster()).isFalse();
        assertThat(s.redis()).hasSize(1);
        assertThat(s.hashKey()).isEqualTo("from-env-0123456789");
        assertThat(c.toString()).doesNotContain("from-env-0123456789");
    }

    @Test
    void clusterSeedsAreRead() {
        GatewayConfig.Store s = parse(config("  store:\n"
                + "    redisCluster: [\"redis://127.0.0.1:7000\", \"redis://127.0.0.1:7001\"]\n"
                + "    hashKey: \"0123456789abcdef\"")).itinerary().store();

        assertThat(s.cluster()).isTrue();
        assertThat(s.redis()).hasSize(2);
    }

    @Test
    void badStoreBlocksAreRefusedNamingTheKey() {
        assertRejected(config(""), "itinerary.store: required when source is store");
        assertRejected(config("  store:\n    hashKey: \"0123456789abcdef\""),
                "itinerary.store.redis: required (or redisCluster: a list of seed URIs)");
        assertRejected(config("  store:\n    redis: redis://h:1\n    redisCluster: [\"redis://h:2\"]\n    hashKey: \"0123456789abcdef\""),
                "itinerary.store.redis: give redis or redisCluster, not both");
        assertRejected(config("  store:\n    redis: http://h:1\n    hashKey: \"0123456789abcdef\""),
                "itinerary.store.redis: must be a redis://host:port URI, was \"http://h:1\"");
        assertRejected(config("  store:\n    redis: redis://h:1\n    hashKey: short-key"),
                "itinerary.store.hashKey: at least 16 characters, was 9");
        assertRejected(config("  store:\n    redis: redis://h:1"), "itinerary.store.hashKey: required key is missing");
        assertRejected(config("  store:\n    redis: redis://h:1\n    hashKey: ${NOPE}"),
                "itinerary.store.hashKey: environment variable NOPE is not set");
        assertRejected(config("  store:\n    redis: redis://h:1\n    hashKey: \"0123456789abcdef\"\n    hashkey: x"),
                "itinerary.store.hashkey: unknown key (did you mean hashKey?)");
    }
}

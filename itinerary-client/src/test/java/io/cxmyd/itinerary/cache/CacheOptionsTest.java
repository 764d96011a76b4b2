package io.cxmyd.itinerary.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheOptionsTest {

    @Test
    void defaultsAreInProcessOnlyWithBoundedRedisSettings() {
        CacheOptions o = CacheOptions.defaults();
        assertThat(o.redisUri()).isEmpty();
        assertThat(o.redisCommandTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.redisRequestQueueSize()).isEqualTo(10_000);
        assertThat(o.noDataTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.hashKey()).isEmpty();
        assertThat(o.redisProbeInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> CacheOptions.builder().noDataTtl(Duration.ZERO).build())
                .hasMessage("cache.noDataTtl: must be positive, was PT0S");
        assertThatThrownBy(() -> CacheOptions.builder().redisCommandTimeout(Duration.ofSeconds(60)).build())
                .hasMessageStartingWith("cache.redisCommandTimeout: at most 10 s").hasMessageEndingWith("was PT1M");
        assertThatThrownBy(() -> CacheOptions.builder().redisRequestQueueSize(0).build())
                .hasMessage("cache.redisRequestQueueSize: at least 1, was 0");
        assertThatThrownBy(() -> CacheOptions.builder().nearMaximumSize(0).build())
                .hasMessage("cache.nearMaximumSize: at least 1, was 0");
        assertThatThrownBy(() -> CacheOptions.builder().redisFailureThreshold(0).build())
                .hasMessage("cache.redisFailureThreshold: at least 1, was 0");
        assertThatThrownBy(() -> CacheOptions.builder().hashKey("short").build())
                .hasMessage("cache.hashKey: at least 16 bytes, was 5 bytes");
        assertThatThrownBy(() -> CacheOptions.builder().redisProbeInterval(Duration.ofMillis(10)).build())
                .hasMessage("cache.redisProbeInterval: at least 50 ms, was PT0.01S");
    }

    @Test
    void aBadRedisUriIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> CacheOptions.builder().redisUri("redis://:hunter2@").build())
                .hasMessage("cache.redis: not a redis:// URI, was redis://***@")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2"));
        assertThat(CacheOptions.builder().redisUri("redis://:hunter2@127.0.0.1:6379").build().toString())
                .contains("redis://***@127.0.0.1:6379").doesNotContain("hunter2");
    }

    @Test
    void theHashKeyIsCopiedInAndOut() {
        byte[] secret = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CacheOptions o = CacheOptions.builder().hashKey(secret).build();
        secret[0] = 'X';
        o.hashKey().orElseThrow()[1] = 'Y';
        assertThat(o.hashKey().orElseThrow()).asString().isEqualTo("0123456789abcdef");
    }
}

package io.cxmyd.itinerary.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.client.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisBreakerTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(1);

    private final FakeTicker ticker = new FakeTicker();
    private final List<Boolean> reported = new ArrayList<>();
    private final RedisBreaker breaker = new RedisBreaker(3, COOLDOWN.toNanos(), ticker, reported::add);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    @Test
    void failuresBelowTheThresholdKeepRedisInUse() {
        fail(2);
        breaker.onSuccess();
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(reported).containsExactly(true);
    }

    @Test
    void theThresholdOfConsecutiveFailuresSkipsRedisForTheCooldown() {
        fail(3);
        assertThat(reported).containsExactly(false);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.allowsWrites()).isFalse();
        ticker.advance(COOLDOWN.minusNanos(1));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void afterTheCooldownOneLookupProbesAndItsSuccessLetsEveryoneBackIn() {
        fail(3);
        ticker.advance(COOLDOWN);

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("only one probe at a time").isFalse();
        assertThat(breaker.allowsWrites()).isFalse();
        breaker.onSuccess();

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.allowsWrites()).isTrue();
        assertThat(reported).containsExactly(false, true);
    }

    @Test
    void aFailedProbeSkipsRedisForAnotherCooldownWithoutReportingAgain() {
        fail(3);
        ticker.advance(COOLDOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();

        assertThat(breaker.tryAcquire()).isFalse();
        ticker.advance(COOLDOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(reported).containsExactly(false);
    }

    @Test
    void aProbeThatNeverReportsDoesNotKeepRedisOffForever() {
        fail(3);
        ticker.advance(COOLDOWN);
        assertThat(breaker.tryAcquire()).isTrue(); // and never reports
        ticker.advance(COOLDOWN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void anUnreachableRedisIsReportedOnce() {
        breaker.unreachable();
        breaker.unreachable();
        breaker.onSuccess();
        assertThat(reported).containsExactly(false, true);
    }
}

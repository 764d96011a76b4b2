package io.cxmyd.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.query.RateLimiter.Verdict;
import io.cxmyd.itinerary.Msisdn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(10), nanos::get);

    @Test
    void fiveQueriesPassTheSixthIsToldOnceThenSilence() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(1)).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(limiter.acquire(1)).isEqualTo(Verdict.FIRST_OVER);
        assertThat(limiter.acquire(1)).isEqualTo(Verdict.OVER);
        assertThat(limiter.acquire(1)).isEqualTo(Verdict.OVER);
    }

    @Test
    void windowPassingResetsTheCount() {
        for (int i = 0; i < 7; i++) {
            limiter.acquire(1);
        }
        nanos.addAndGet(Duration.ofMinutes(10).toNanos() + 1);
        assertThat(limiter.acquire(1)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void subscribersAreCountedApart() {
        for (int i = 0; i < 6; i++) {
            limiter.acquire(1);
        }
        assertThat(limiter.acquire(2)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void subscriberKeyIsStableAndDoesNotExposeTheNumber() {
        SubscriberKey key = new SubscriberKey(new byte[32]);
        long a = key.of(Msisdn.parse("13800138000"));
        assertThat(key.of(Msisdn.parse("+8613800138000"))).isEqualTo(a);
        assertThat(key.of(Msisdn.parse("13800138001"))).isNotEqualTo(a);
        assertThat(a).isNotEqualTo(13800138000L);
        assertThat(new SubscriberKey(new byte[] {1}).of(Msisdn.parse("13800138000"))).isNotEqualTo(a);
    }
}

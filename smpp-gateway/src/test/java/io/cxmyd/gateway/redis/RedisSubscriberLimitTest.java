package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.query.RateLimiter.Verdict;
import org.junit.jupiter.api.Test;

class RedisSubscriberLimitTest {

    @Test
    void theCountOfTheWindowBecomesTheSameVerdictsAsTheInProcessLimiter() {
        assertThat(RedisSubscriberLimit.verdict(1, 2)).isEqualTo(Verdict.ALLOWED);
        assertThat(RedisSubscriberLimit.verdict(2, 2)).isEqualTo(Verdict.ALLOWED);
        assertThat(RedisSubscriberLimit.verdict(3, 2)).isEqualTo(Verdict.FIRST_OVER);
        assertThat(RedisSubscriberLimit.verdict(4, 2)).isEqualTo(Verdict.OVER);
    }

    @Test
    void theKeyHoldsTheKeyedHashAsItsHashTagNeverANumber() {
        assertThat(RedisSubscriberLimit.key(0x00ff_0000_0000_0001L)).isEqualTo("cxmyd:v1:limit:{00ff000000000001}");
    }
}

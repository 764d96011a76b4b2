package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long MS = 1_000_000L;

    @Test
    void aFullSecondsWorthGoesAtOnceThenOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.reserve(0)).as("token %d", i).isZero();
        }
        assertThat(bucket.reserve(0)).isEqualTo(100 * MS);
        assertThat(bucket.reserve(0)).isEqualTo(200 * MS);
    }

    @Test
    void tokensComeBackWithTime() {
        TokenBucket bucket = new TokenBucket(10, 0);
        for (int i = 0; i < 10; i++) {
            bucket.reserve(0);
        }
        assertThat(bucket.reserve(100 * MS)).isZero();
        assertThat(bucket.reserve(100 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void aQuietSpellBanksNoMoreThanOneSecondsWorth() {
        TokenBucket bucket = new TokenBucket(10, 0);
        long hourLater = 3_600_000 * MS;
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.reserve(hourLater)).isZero();
        }
        assertThat(bucket.reserve(hourLater)).isEqualTo(100 * MS);
    }

    @Test
    void overAnyLongSpanTheRateHolds() {
        TokenBucket bucket = new TokenBucket(50, 0);
        long now = 0;
        int sent = 0;
        // Senders that always wait what they are told: 10 simulated seconds.
        while (now < 10_000 * MS) {
            now += bucket.reserve(now);
            sent++;
        }
        // 50 in the first burst plus 50 per second after it.
        assertThat(sent).isBetween(549, 551);
    }
}

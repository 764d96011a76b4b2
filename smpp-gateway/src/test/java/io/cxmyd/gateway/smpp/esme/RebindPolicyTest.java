package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.smpp.esme.RebindPolicy.Failure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RebindPolicyTest {

    private final RebindPolicy policy = new RebindPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void delayDoublesPerFailureUpToTheMaximum() {
        // random 0.999.. gives (almost) the whole step: 1, 2, 4, 8, 16, 32, 60, 60 s
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (int i = 0; i < expected.length; i++) {
            assertThat(policy.delay(Failure.UNREACHABLE, i + 1, 0.9999999).toMillis())
                    .as("after %d failures", i + 1).isBetween(expected[i] * 1000 - 1, expected[i] * 1000);
        }
    }

    @Test
    void jitterSpreadsBetweenHalfAndAllOfTheStep() {
        assertThat(policy.delay(Failure.UNREACHABLE, 5, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delay(Failure.UNREACHABLE, 5, 0.5)).isEqualTo(Duration.ofSeconds(12));
        assertThat(policy.delay(Failure.UNREACHABLE, 5, 0.75)).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void neverShorterThanTheMinimum() {
        assertThat(policy.delay(Failure.LINK_LOST, 1, 0.0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void alreadyBoundWaitsTheLongStepAtOnce() {
        assertThat(policy.delay(Failure.ALREADY_BOUND, 1, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(Failure.ALREADY_BOUND, 1, 0.9999999)).isGreaterThan(Duration.ofSeconds(59));
    }

    @Test
    void tooManySessionsAndBadCredentialsWaitTheLongStepToo() {
        assertThat(policy.delay(Failure.TOO_MANY_SESSIONS, 1, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(Failure.CREDENTIALS, 1, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aHugeFailureCountDoesNotOverflow() {
        assertThat(policy.delay(Failure.UNREACHABLE, Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new RebindPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(Failure.UNREACHABLE, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(Failure.UNREACHABLE, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindStatusesMapToWhatTheyMeanForRebinding() {
        assertThat(BindStatuses.failure(0x05)).isEqualTo(Failure.ALREADY_BOUND);
        assertThat(BindStatuses.failure(0x0D)).isEqualTo(Failure.TOO_MANY_SESSIONS);
        assertThat(BindStatuses.failure(0x58)).isEqualTo(Failure.TOO_MANY_SESSIONS);
        assertThat(BindStatuses.failure(0x0E)).isEqualTo(Failure.CREDENTIALS);
        assertThat(BindStatuses.failure(0x0F)).isEqualTo(Failure.CREDENTIALS);
        assertThat(BindStatuses.failure(0x401)).isEqualTo(Failure.TOO_MANY_SESSIONS);
        assertThat(BindStatuses.failure(0x08)).isEqualTo(Failure.REFUSED);
    }
}

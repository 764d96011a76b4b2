package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthStateTest {

    private final AtomicBoolean sourceReady = new AtomicBoolean();
    private final HealthState state = new HealthState(sourceReady::get);

    @Test
    void downBeforeSmppListensOrSourceIsReady() {
        assertThat(state.check().status()).isEqualTo(Health.Status.DOWN);
        sourceReady.set(true);
        assertThat(state.check().status()).isEqualTo(Health.Status.DOWN);
        sourceReady.set(false);
        state.smppListening(true);
        assertThat(state.check().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void upOnceSmppListensAndSourceIsReady() {
        state.smppListening(true);
        sourceReady.set(true);

        Health health = state.check();
        assertThat(health.ready()).isTrue();
        assertThat(health.toJson()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void notReadyWhileAnEsmeModeCarrierIsNotBoundBothWays() {
        java.util.concurrent.atomic.AtomicBoolean bound = new java.util.concurrent.atomic.AtomicBoolean();
        state.linksReady(bound::get);
        state.smppListening(true);
        sourceReady.set(true);

        assertThat(state.check().ready()).isFalse();
        assertThat(state.check().toJson()).contains("\"carrierLinksReady\":false");
        bound.set(true);
        assertThat(state.check().ready()).isTrue();
    }

    @Test
    void drainingIsNotReadyEvenWithEverythingUp() {
        state.smppListening(true);
        sourceReady.set(true);
        state.startDraining();

        Health health = state.check();
        assertThat(health.ready()).isFalse();
        assertThat(health.toJson())
                .isEqualTo("{\"status\":\"DRAINING\",\"smppListening\":true,\"sourceReady\":true}");
    }

    @Test
    void aSourceThatGoesAwayMakesItDownAgain() {
        state.smppListening(true);
        sourceReady.set(true);
        sourceReady.set(false);

        assertThat(state.check().toJson())
                .isEqualTo("{\"status\":\"DOWN\",\"smppListening\":true,\"sourceReady\":false}");
    }

    @Test
    void aSourceCheckThatThrowsCountsAsNotReady() {
        HealthState throwing = new HealthState(() -> {
            throw new IllegalStateException("source gone");
        });
        throwing.smppListening(true);

        assertThat(throwing.check().sourceReady()).isFalse();
        assertThat(throwing.check().status()).isEqualTo(Health.Status.DOWN);
    }
}

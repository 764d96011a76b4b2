package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SourceProbeTest {

    private final AtomicReference<CompletableFuture<Boolean>> next =
            new AtomicReference<>(CompletableFuture.completedFuture(true));
    private final SourceProbe probe = new SourceProbe(() -> next.get(), "test");

    @Test
    void notAnsweringUntilTheFirstCheckSaysSo() {
        assertThat(probe.answering()).isFalse();
        probe.checkNow();
        assertThat(probe.answering()).isTrue();
    }

    @Test
    void followsEachCheckDownAndUpAgain() {
        probe.checkNow();
        next.set(CompletableFuture.completedFuture(false));
        probe.checkNow();
        assertThat(probe.answering()).isFalse();
        next.set(CompletableFuture.completedFuture(true));
        probe.checkNow();
        assertThat(probe.answering()).isTrue();
    }

    @Test
    void aCheckThatFailsOrThrowsCountsAsNotAnswering() {
        probe.checkNow();
        next.set(CompletableFuture.failedFuture(new IllegalStateException("boom")));
        probe.checkNow();
        assertThat(probe.answering()).isFalse();

        probe.checkNow();
        SourceProbe throwing = new SourceProbe(() -> {
            throw new IllegalStateException("closed");
        }, "test");
        throwing.checkNow();
        assertThat(throwing.answering()).isFalse();
    }
}

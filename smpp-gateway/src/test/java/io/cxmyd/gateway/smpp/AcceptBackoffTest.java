package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AcceptBackoffTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AcceptBackoff backoff = new AcceptBackoff(nanos::get, Duration.ofSeconds(10));

    /** Issue 12 #5: "Too many open files" was logged up to 512 times a second. */
    @Test
    void aStormOfFailuresLogsOncePerIntervalWithTheCount() {
        int lines = 0;
        int counted = 0;
        for (int i = 0; i < 512 * 30; i++) { // 30 s of failures at 512 a second
            AcceptBackoff.Step step = backoff.failed();
            if (step.failuresToLog() > 0) {
                lines++;
                counted += step.failuresToLog();
            }
            nanos.addAndGet(1_000_000_000L / 512);
        }
        assertThat(lines).isEqualTo(3);
        assertThat(counted).as("failures reported by those lines").isEqualTo(1 + 512 * 20);
    }

    @Test
    void thePauseDoublesUpToOneSecondAndAGoodAcceptResetsIt() {
        assertThat(backoff.failed().pause()).isEqualTo(Duration.ofMillis(10));
        assertThat(backoff.failed().pause()).isEqualTo(Duration.ofMillis(20));
        for (int i = 0; i < 20; i++) {
            backoff.failed();
        }
        assertThat(backoff.failed().pause()).isEqualTo(Duration.ofSeconds(1));
        backoff.succeeded();
        assertThat(backoff.failed().pause()).isEqualTo(Duration.ofMillis(10));
    }
}

package io.cxmyd.itinerary.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedAreaWarningsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SkippedAreaWarnings warnings = new SkippedAreaWarnings(clock, Duration.ofMinutes(1));

    @Test
    void firstSkipIsReportedAtOnce() {
        assertThat(warnings.record(2, List.of("999999")))
                .contains(new SkippedAreaWarnings.Warning(2, List.of("999999"), 0));
    }

    @Test
    void furtherSkipsWithinTheIntervalAreCountedIntoTheNextWarning() {
        warnings.record(1, List.of("999999"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(warnings.record(3, List.of("888888"))).isEmpty();
        clock.advance(Duration.ofSeconds(49));
        assertThat(warnings.record(1, List.of("888888"))).isEmpty();

        clock.advance(Duration.ofSeconds(1));

        assertThat(warnings.record(5, List.of("777777")))
                .contains(new SkippedAreaWarnings.Warning(5, List.of("777777"), 4));
    }

    @Test
    void answersWithoutSkipsNeitherWarnNorUseTheInterval() {
        assertThat(warnings.record(0, List.of())).isEmpty();

        assertThat(warnings.record(1, List.of("999999"))).isPresent();
    }
}

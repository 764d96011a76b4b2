package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyUnitOfTheOneSyntaxIsRead() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("1m")).contains(Duration.ofMinutes(1));
        assertThat(Durations.parse(" 2H ")).contains(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
    }

    @Test
    void aBareNumberADecimalOrAWordIsNotADuration() {
        assertThat(Durations.parse("15")).isEmpty();
        assertThat(Durations.parse("1.5s")).isEmpty();
        assertThat(Durations.parse("abc")).isEmpty();
        assertThat(Durations.parse("-1s")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
    }

    @Test
    void aBadFlagValueIsOneLineNamingTheFlagTheRuleAndTheValue() {
        assertThatThrownBy(() -> Durations.flag("--timeout", "abc", Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--timeout: must be a duration such as 500ms, 30s, 10m, 2h, was \"abc\"");
        assertThatThrownBy(() -> Durations.flag("--duration", "0s", Duration.ofMillis(1)))
                .hasMessage("--duration: must be at least 1ms, was \"0s\"");
    }

    @Test
    void aFlagTakesTheSameSpellingAsTheConfig() {
        assertThat(Durations.flag("--timeout", "1m", Duration.ofMillis(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void formatGivesBackTheShortestSpelling() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
    }
}

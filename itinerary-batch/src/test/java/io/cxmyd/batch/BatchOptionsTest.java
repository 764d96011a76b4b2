package io.cxmyd.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchOptionsTest {

    private static BatchOptions parse(String... args) {
        return BatchOptions.parse(args, Map.of("CXMYD_HASH_KEY", "from-the-environment-0123")::get);
    }

    @Test
    void theContractsCommandLineParses() {
        BatchOptions o = parse("--dataset", "DIR", "--data-day", "2026-11-21", "--redis", "redis://127.0.0.1:6379",
                "--hash-key", "0123456789abcdef", "--master", "local[*]");

        assertThat(o.dataDay()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(o.redisUris()).containsExactly("redis://127.0.0.1:6379");
        assertThat(o.cluster()).isFalse();
        assertThat(o.master()).isEqualTo("local[*]");
        assertThat(o.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void theHashKeyMayComeFromTheEnvironmentAndClusterSeedsFromAList() {
        BatchOptions o = parse("--dataset", "DIR", "--data-day", "2026-11-21",
                "--redis-cluster", "redis://127.0.0.1:7000, redis://127.0.0.1:7001", "--hash-key", "env:CXMYD_HASH_KEY");

        assertThat(o.hashKey()).isEqualTo("from-the-environment-0123");
        assertThat(o.cluster()).isTrue();
        assertThat(o.redisUris()).hasSize(2);
    }

    @Test
    void aShortHashKeyIsRefusedNamingTheFlagNotTheKey() {
        assertThatThrownBy(() -> parse("--dataset", "DIR", "--data-day", "2026-11-21", "--redis", "redis://h:1",
                "--hash-key", "short-secret"))
                .hasMessage("--hash-key: at least 16 characters, was 12");
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse("--dataset", "DIR", "--data-day", "21/11/2026")).hasMessageStartingWith("--data-day:");
        assertThatThrownBy(() -> parse("--dataset", "DIR", "--data-day", "2026-11-21", "--redis", "http://h:1",
                "--hash-key", "0123456789abcdef")).hasMessageStartingWith("--redis: not a redis:// URI");
        assertThatThrownBy(() -> parse("--dataset", "DIR", "--data-day", "2026-11-21", "--redis", "redis://h:1",
                "--hash-key", "0123456789abcdef", "--window-days", "0")).hasMessageStartingWith("--window-days:");
        assertThatThrownBy(() -> parse("--datset", "DIR")).hasMessage("--datset: unknown flag");
        assertThatThrownBy(() -> parse("--data-day", "2026-11-21")).hasMessage("--dataset: required");
    }

    @Test
    void theBounceToleranceTakesTheProductsDurationSyntaxAndABareNumberIsRefused() {
        String[] base = {"--dataset", "DIR", "--data-day", "2026-11-21", "--redis", "redis://h:1", "--hash-key",
                "0123456789abcdef", "--bounce-tolerance"};
        assertThat(parse(concat(base, "45m")).rules().bounceTolerance()).isEqualTo(java.time.Duration.ofMinutes(45));
        assertThat(parse(concat(base, "1h")).rules().bounceTolerance()).isEqualTo(java.time.Duration.ofHours(1));
        assertThatThrownBy(() -> parse(concat(base, "30")))
                .hasMessage("--bounce-tolerance: must be a duration such as 500ms, 30s, 10m, 2h, was \"30\"");
    }

    @Test
    void helpIsTheUsageOnStdoutWithExitZero() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        for (String flag : new String[] {"--help", "-h"}) {
            out.reset();
            assertThat(BatchMain.run(new String[] {"--dataset", "DIR", flag}, new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true))).isZero();
            assertThat(out.toString()).startsWith("usage: java -jar cxmyd-itinerary-batch.jar");
        }
        assertThat(err.toString()).isEmpty();
    }

    private static String[] concat(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }
}

package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules, their unit tests, the example configuration and every dashboard query, checked by
 * Prometheus's own promtool. promtool must be installed (Debian/Ubuntu: {@code apt-get install prometheus};
 * .ci/run does it): without it these tests fail rather than skip, so a CI image that lost it is noticed.
 */
class PrometheusRulesIntegrationTests {

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = onPath("promtool").orElseGet(() -> fail(
                "promtool not found on PATH (" + System.getenv("PATH") + "): install Prometheus's tools, e.g. "
                        + "'apt-get install prometheus' (.ci/run does it in CI)"));
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The exit status and everything promtool printed. */
    private record Run(int exit, String output) {
    }

    private static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(MonitoringFiles.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        // A guard against a hung process, not a speed requirement: promtool answers in well under a second.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }

    @Test
    void checkRulesAcceptsTheAlertRules() throws Exception {
        Run run = promtool("check", "rules", "docs/prometheus/alerts.yml");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertsUnitTestPasses() throws Exception {
        Run run = promtool("test", "rules", "docs/prometheus/alerts.test.yml");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theExampleConfigurationIsValidAndLoadsTheRules() throws Exception {
        Run run = promtool("check", "config", "docs/prometheus/prometheus.yml");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("1 rule files found");
    }

    /**
     * Grafana sends the dashboard's queries to Prometheus unchecked; a typo shows only as an error in a panel.
     * Each query becomes a recording rule here, so that promtool parses it with Prometheus's own parser.
     */
    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject().put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        int n = 0;
        for (MonitoringFiles.DashboardQuery query : MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())) {
            if (query.panel().startsWith("variable ")) {
                continue; // label_values() is Grafana's, not PromQL
            }
            rules.addObject().put("record", "dashboard:query_" + n++).put("expr", MonitoringFiles.asPromQl(query.expr()));
        }
        Path rulesFile = dir.resolve("dashboard-queries.yml");
        yaml.writeValue(rulesFile.toFile(), file);

        Run run = promtool("check", "rules", rulesFile.toString());

        assertThat(n).isGreaterThan(20);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: " + n + " rules found");
    }
}

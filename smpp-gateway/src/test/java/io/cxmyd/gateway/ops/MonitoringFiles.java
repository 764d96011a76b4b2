package io.cxmyd.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring files of docs/ (Grafana dashboard, Prometheus alert rules and their tests) read back, and the
 * metric names their PromQL expressions refer to.
 */
final class MonitoringFiles {

    /** Surefire and failsafe run in the module folder; docs/ is in the project root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DASHBOARD = ROOT.resolve("docs/grafana/cxmyd-gateway.json");
    static final Path ALERTS = ROOT.resolve("docs/prometheus/alerts.yml");
    static final Path ALERT_TESTS = ROOT.resolve("docs/prometheus/alerts.test.yml");
    static final Path PROMETHEUS_CONFIG = ROOT.resolve("docs/prometheus/prometheus.yml");
    static final Path OPERATIONS_GUIDE = ROOT.resolve("docs/operations.md");

    /**
     * A metric name of ours or of Micrometer's JVM/process binders. Digits are allowed after the prefix
     * ({@code system_load_average_1m}); the name must end on a letter or digit so that a trailing underscore is
     * never taken. The look-behind keeps {@code foo_jvm_x} from counting as {@code jvm_x}.
     */
    private static final Pattern METRIC = Pattern.compile(
            "(?<![A-Za-z0-9_:])(?:cxmyd|jvm|process|system)_[a-z0-9_]*[a-z0-9]");
    /** A PromQL string literal: label values and regexes, which are not metric names. */
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MonitoringFiles() {
    }

    static JsonNode dashboard() {
        return read(JSON, DASHBOARD);
    }

    static JsonNode alerts() {
        return read(YAML, ALERTS);
    }

    static JsonNode alertTests() {
        return read(YAML, ALERT_TESTS);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String operationsGuide() {
        try {
            return Files.readString(OPERATIONS_GUIDE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPERATIONS_GUIDE, e);
        }
    }

    /** Every panel of the dashboard, those nested in collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** A query the dashboard runs: the panel's title and the expression as Grafana stores it. */
    record DashboardQuery(String panel, String refId, String expr) {
    }

    /** The panel targets and the templating variables' queries. */
    static List<DashboardQuery> dashboardQueries(JsonNode dashboard) {
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new DashboardQuery(panel.path("title").asText(), target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(new DashboardQuery("variable " + variable.path("name").asText(), "",
                        variable.path("definition").asText()));
            }
        }
        return queries;
    }

    /** Every rule of every group. */
    static List<JsonNode> rules(JsonNode alerts) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : alerts.path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    /**
     * A dashboard expression as Prometheus itself would receive it: Grafana's variables replaced by what they
     * stand for (a range, and "all" for the multi-value selectors).
     */
    static String asPromQl(String grafanaExpr) {
        return grafanaExpr
                .replace("$__rate_interval", "5m")
                .replace("$__interval", "1m")
                .replace("$instance", ".*")
                .replace("$carrier", ".*");
    }

    /** The metric names {@code expr} refers to, as written ({@code _bucket}, {@code _count} ... included). */
    static Set<String> metricNames(String expr) {
        String withoutStrings = STRING.matcher(expr).replaceAll("\"\"");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(withoutStrings);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}

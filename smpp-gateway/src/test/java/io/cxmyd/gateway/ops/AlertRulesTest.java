package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every alert can be acted on: it has a severity, a summary and a runbook line whose link leads to a section of
 * the operations guide, and its promtool unit tests cover both a firing and a quiet case. (Whether the rules
 * parse and the tests pass is for promtool itself: {@code PrometheusRulesIntegrationTests}.)
 */
class AlertRulesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning");
    private static final Pattern RUNBOOK_LINK = Pattern.compile("docs/operations\\.md#([a-z0-9-]+)$");

    private final List<JsonNode> alerts = MonitoringFiles.rules(MonitoringFiles.alerts()).stream()
            .filter(rule -> rule.has("alert"))
            .toList();

    private List<String> alertNames() {
        return alerts.stream().map(rule -> rule.path("alert").asText()).toList();
    }

    @Test
    void theAlertsOfTheIssueAreAllThere() {
        assertThat(alertNames()).doesNotHaveDuplicates().contains(
                "CxmydCarrierNotBound", "CxmydRepliesExpiring", "CxmydEndToEndLatencyHigh", "CxmydRedisDown",
                "CxmydSourceErrorRate", "CxmydBindFailureBurst", "CxmydReplyQueueBacklog", "CxmydReplyQueueStale");
    }

    @Test
    void everyAlertHasASeveritySummaryAndRunbook() {
        assertThat(alerts).isNotEmpty().allSatisfy(rule -> {
            String name = rule.path("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn(SEVERITIES);
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("annotations").path("runbook").asText()).as(name).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void everyRunbookLinksToItsOwnSectionOfTheOperationsGuide() {
        Set<String> anchors = headingAnchors(MonitoringFiles.operationsGuide());
        for (JsonNode rule : alerts) {
            String name = rule.path("alert").asText();
            Matcher link = RUNBOOK_LINK.matcher(rule.path("annotations").path("runbook").asText());

            assertThat(link.find()).as(name + " runbook ends with docs/operations.md#<section>").isTrue();
            assertThat(link.group(1)).as(name).isEqualTo(name.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("sections of docs/operations.md").contains(link.group(1));
        }
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : MonitoringFiles.alertTests().path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
            }
        }

        assertThat(firing).as("alerts with a firing case").containsAll(alertNames());
        assertThat(quiet).as("alerts with a quiet case").containsAll(alertNames());
        assertThat(alertNames()).as("no test of an alert that does not exist").containsAll(firing).containsAll(quiet);
    }

    @Test
    void theUnitTestsLoadTheRuleFileNextToThem() {
        assertThat(MonitoringFiles.alertTests().path("rule_files")).extracting(JsonNode::asText)
                .containsExactly("alerts.yml");
    }

    /** GitHub's anchors for the headings: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").trim();
                anchors.add(title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}

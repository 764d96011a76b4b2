package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard file has the shape Grafana's import expects: a datasource input that every panel uses, the
 * carrier variable, a row per concern, panels that fit the 24-column grid.
 */
class GrafanaDashboardTest {

    private static final String DATASOURCE = "${DS_PROMETHEUS}";
    private final JsonNode dashboard = MonitoringFiles.dashboard();

    @Test
    void declaresThePrometheusDatasourceAsAnImportInput() {
        assertThat(dashboard.path("__inputs")).anySatisfy(input -> {
            assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.path("type").asText()).isEqualTo("datasource");
            assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        });
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(dashboard.path("uid").asText()).isEqualTo("cxmyd-gateway");
        // An id would clash with the importing Grafana's own dashboard ids.
        assertThat(dashboard.path("id").isNull()).isTrue();
    }

    @Test
    void everyQueryingPanelAndVariableUsesTheInputDatasource() {
        for (JsonNode panel : MonitoringFiles.panels(dashboard)) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo(DATASOURCE);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty().allSatisfy(target ->
                    assertThat(target.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE));
        }
        assertThat(dashboard.path("templating").path("list")).allSatisfy(variable ->
                assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE));
    }

    @Test
    void hasAMultiValueCarrierVariableThatPerCarrierQueriesUse() {
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asText()).isEqualTo("carrier");
            assertThat(variable.path("multi").asBoolean()).isTrue();
            assertThat(variable.path("includeAll").asBoolean()).isTrue();
            assertThat(variable.path("definition").asText()).contains("label_values(").contains("carrier)");
        });
        // A per-carrier metric queried without the variable would ignore the carrier picker.
        List<String> perCarrier = MetricNames.ALL.stream()
                .filter(metric -> metric.tagKeys().contains(MetricNames.TAG_CARRIER))
                .map(MetricNames.MetricName::exposedName)
                .toList();
        for (MonitoringFiles.DashboardQuery query : MonitoringFiles.dashboardQueries(dashboard)) {
            if (query.panel().startsWith("variable ")) {
                continue;
            }
            boolean usesPerCarrierMetric = MonitoringFiles.metricNames(query.expr()).stream()
                    .anyMatch(name -> perCarrier.stream().anyMatch(name::startsWith));
            if (usesPerCarrierMetric) {
                assertThat(query.expr()).as(query.panel()).contains("carrier=~\"$carrier\"");
            }
        }
    }

    @Test
    void hasARowPerConcernInOrder() {
        List<String> rows = MonitoringFiles.panels(dashboard).stream()
                .filter(panel -> panel.path("type").asText().equals("row"))
                .map(panel -> panel.path("title").asText())
                .toList();

        assertThat(rows).containsExactly(
                "Traffic", "Outcomes", "Latency", "Delivery", "Cache and source", "Binds", "JVM and process");
    }

    @Test
    void panelIdsAreUniqueAndPanelsFitTheGridWithoutOverlapping() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : MonitoringFiles.panels(dashboard)) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title).isTrue();
            JsonNode pos = panel.path("gridPos");
            int x = pos.path("x").asInt();
            int y = pos.path("y").asInt();
            int w = pos.path("w").asInt();
            int h = pos.path("h").asInt();
            assertThat(w).as(title).isPositive();
            assertThat(h).as(title).isPositive();
            assertThat(x + w).as(title).isLessThanOrEqualTo(24);
            for (int col = x; col < x + w; col++) {
                for (int row = y; row < y + h; row++) {
                    assertThat(cells.add(col + ":" + row)).as(title + " overlaps at " + col + ":" + row).isTrue();
                }
            }
        }
    }

    @Test
    void everyPanelSaysWhatItShows() {
        assertThat(MonitoringFiles.panels(dashboard))
                .filteredOn(panel -> !panel.path("type").asText().equals("row"))
                .allSatisfy(panel -> assertThat(panel.path("description").asText())
                        .as(panel.path("title").asText()).isNotBlank());
    }
}

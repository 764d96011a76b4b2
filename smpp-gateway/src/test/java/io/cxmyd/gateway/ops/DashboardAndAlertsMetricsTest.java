package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.itinerary.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules only query metrics the gateway really exposes: a renamed or removed
 * metric, or a wrong suffix ({@code _count} of a gauge), fails here instead of leaving an empty panel or an
 * alert that can never fire.
 */
class DashboardAndAlertsMetricsTest {

    private static GatewayMetrics metrics;
    private static Scrape scrape;

    @BeforeAll
    static void recordOneOfEverything() throws InterruptedException {
        metrics = new GatewayMetrics(List.of("china-mobile", "china-unicom"), true);
        ReferencedMetrics.awaitFirstGcPause(metrics.registry());
        metrics.registerQueue("china-mobile", () -> 1, () -> Duration.ofSeconds(2));
        for (QueryOutcome outcome : QueryOutcome.values()) {
            metrics.query("china-mobile", outcome);
        }
        for (ReplyResult result : ReplyResult.values()) {
            metrics.reply("china-mobile", result);
        }
        metrics.parts("china-mobile", 2);
        metrics.endToEnd("china-mobile", Duration.ofMillis(800));
        metrics.bound("china-mobile", BindType.TRANSCEIVER);
        for (BindFailureReason reason : BindFailureReason.values()) {
            metrics.bindFailure(reason);
        }
        for (Tier tier : Tier.values()) {
            metrics.cacheRequest(tier, true);
            metrics.cacheRequest(tier, false);
            metrics.lookupCompleted(tier, 1_000_000);
        }
        metrics.redisAvailability(true);
        metrics.sourceError(io.cxmyd.itinerary.source.SourceException.Kind.TIMEOUT);
        metrics.esme().bindAttempt("china-mobile", io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt.BOUND);
        metrics.esme().receipt("china-mobile", io.cxmyd.gateway.smpp.esme.ReceiptState.DELIVERED, true);
        metrics.esme().receipt("china-mobile", io.cxmyd.gateway.smpp.esme.ReceiptState.UNKNOWN, false);
        scrape = Scrape.parse(metrics.scrape());
    }

    @AfterAll
    static void close() {
        metrics.close();
    }

    private static Set<String> notInScrape(Set<String> referenced) {
        return ReferencedMetrics.notInScrape(scrape, referenced);
    }

    private static String family(String sampleName) {
        return ReferencedMetrics.family(scrape, sampleName);
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheScrape() {
        assertThat(MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard()))
                .as("the dashboard has queries").hasSizeGreaterThan(20);

        assertThat(ReferencedMetrics.unknownInDashboard(scrape)).as("panel -> metric names not in the scrape").isEmpty();
    }

    @Test
    void everyMetricTheAlertsQueryIsInTheScrape() {
        assertThat(ReferencedMetrics.unknownInAlerts(scrape)).as("alert -> metric names not in the scrape").isEmpty();
    }

    @Test
    void theDashboardShowsEveryGatewayMetric() {
        Set<String> families = MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard()).stream()
                .flatMap(query -> MonitoringFiles.metricNames(query.expr()).stream())
                .map(DashboardAndAlertsMetricsTest::family)
                .filter(f -> f != null)
                .collect(Collectors.toSet());

        assertThat(MetricNames.ALL).allSatisfy(metric ->
                assertThat(families).as("dashboard families").contains(metric.exposedName()));
    }

    @Test
    void theDashboardCoversHeapGcThreadsAndCpu() {
        Set<String> families = MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard()).stream()
                .flatMap(query -> MonitoringFiles.metricNames(query.expr()).stream())
                .map(DashboardAndAlertsMetricsTest::family)
                .collect(Collectors.toSet());

        assertThat(families).contains("jvm_memory_used_bytes", "jvm_gc_pause_seconds", "jvm_threads_live_threads",
                "process_cpu_usage");
    }

    @Test
    void theCheckReportsARenamedMetricAndAWrongSuffix() {
        Set<String> missing = notInScrape(Set.of(
                "cxmyd_queries_total", "cxmyd_end_to_end_seconds_bucket", "cxmyd_end_to_end_seconds_max",
                "jvm_gc_pause_seconds_sum",
                "cxmyd_query_total", "cxmyd_binds_count", "cxmyd_end_to_end_seconds", "jvm_gc_pause_seconds_bucket"));

        assertThat(missing).containsExactlyInAnyOrder(
                "cxmyd_query_total", "cxmyd_binds_count", "cxmyd_end_to_end_seconds", "jvm_gc_pause_seconds_bucket");
    }

    @Test
    void familiesStripOnlyTheSuffixesOfHistogramsAndSummaries() {
        assertThat(family("cxmyd_lookup_seconds_bucket")).isEqualTo("cxmyd_lookup_seconds");
        assertThat(family("cxmyd_lookup_seconds_count")).isEqualTo("cxmyd_lookup_seconds");
        assertThat(family("cxmyd_lookup_seconds_max")).isEqualTo("cxmyd_lookup_seconds_max");
        assertThat(family("jvm_gc_pause_seconds_sum")).isEqualTo("jvm_gc_pause_seconds");
        assertThat(family("cxmyd_queries_total")).isEqualTo("cxmyd_queries_total");
        assertThat(family("cxmyd_binds_count")).isNull();
    }

    @Test
    void namesAreFoundWithSuffixesAndDigitsButNotInLabelValuesOrFunctionNames() {
        assertThat(MonitoringFiles.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(cxmyd_end_to_end_seconds_bucket{job=\"cxmyd_x\"}[5m])))"))
                .containsExactly("cxmyd_end_to_end_seconds_bucket");
        assertThat(MonitoringFiles.metricNames(
                "max(system_load_average_1m{instance=~\"$instance\"}) / max(system_cpu_count)"))
                .containsExactly("system_load_average_1m", "system_cpu_count");
        assertThat(MonitoringFiles.metricNames("sum without (reason) (my_jvm_thing) + process_cpu_usage"))
                .containsExactly("process_cpu_usage");
    }
}

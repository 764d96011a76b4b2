package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The metric names the dashboard and the alert rules use, checked against a scrape: one logic for the
 * scrape of a bare {@link GatewayMetrics} (unit test) and for the {@code /metrics} of a running gateway
 * (integration test).
 */
final class ReferencedMetrics {

    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    private ReferencedMetrics() {
    }

    /** The names in {@code referenced} that are not a sample name of the scrape. */
    static Set<String> notInScrape(Scrape scrape, Set<String> referenced) {
        Set<String> samples = scrape.samples().stream().map(Scrape.Sample::name).collect(Collectors.toSet());
        return referenced.stream().filter(name -> !samples.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The family (the name on the {@code # TYPE} line) a sample name belongs to: itself when it is a family
     * (counters keep {@code _total}; Micrometer's {@code _max} is a gauge family of its own), else the name
     * without {@code _bucket}/{@code _count}/{@code _sum} when that is a histogram or summary; null if none.
     */
    static String family(Scrape scrape, String sampleName) {
        Map<String, String> types = scrape.types();
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return base;
                }
            }
        }
        return null;
    }

    /** For each query of the dashboard ("panel refId"), the names it uses that the scrape does not have. */
    static Map<String, Set<String>> unknownInDashboard(Scrape scrape) {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (MonitoringFiles.DashboardQuery query : MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())) {
            Set<String> missing = notInScrape(scrape, MonitoringFiles.metricNames(query.expr()));
            if (!missing.isEmpty()) {
                unknown.put(query.panel() + " " + query.refId(), missing);
            }
        }
        return unknown;
    }

    /** For each alert rule, the names its expression uses that the scrape does not have. */
    static Map<String, Set<String>> unknownInAlerts(Scrape scrape) {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (var rule : MonitoringFiles.rules(MonitoringFiles.alerts())) {
            Set<String> missing = notInScrape(scrape, MonitoringFiles.metricNames(rule.path("expr").asText()));
            if (!missing.isEmpty()) {
                unknown.put(rule.path("alert").asText(), missing);
            }
        }
        return unknown;
    }

    /**
     * Micrometer registers {@code jvm.gc.pause} on the first GC notification, which the JVM delivers on a
     * thread of its own: ask for a collection and wait for the meter to be added (an event, not a delay).
     */
    static void awaitFirstGcPause(MeterRegistry registry) throws InterruptedException {
        CountDownLatch added = new CountDownLatch(1);
        registry.config().onMeterAdded(meter -> {
            if (meter.getId().getName().equals("jvm.gc.pause")) {
                added.countDown();
            }
        });
        if (registry.find("jvm.gc.pause").timer() == null) {
            System.gc();
            assertThat(added.await(60, TimeUnit.SECONDS))
                    .as("jvm.gc.pause registered after System.gc() (is -XX:+DisableExplicitGC set?)")
                    .isTrue();
        }
    }

    /** How many metric names the dashboard and the alerts refer to, in all (so a check cannot pass on none). */
    static int referencedCount() {
        Set<String> all = new TreeSet<>();
        MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())
                .forEach(q -> all.addAll(MonitoringFiles.metricNames(q.expr())));
        MonitoringFiles.rules(MonitoringFiles.alerts())
                .forEach(r -> all.addAll(MonitoringFiles.metricNames(r.path("expr").asText())));
        return all.size();
    }
}

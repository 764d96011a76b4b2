package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.itinerary.Tier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scrape and {@link MetricNames} agree, and every family is described. */
class MetricCatalogueTest {

    private static final List<String> CARRIERS = List.of("china-mobile", "china-unicom");
    private static GatewayMetrics metrics;
    private static Scrape scrape;

    @BeforeAll
    static void recordOneOfEverything() {
        metrics = new GatewayMetrics(CARRIERS, true);
        metrics.registerQueue("china-mobile", () -> 2, () -> Duration.ofSeconds(3));
        metrics.registerQueue("china-unicom", () -> 0, () -> Duration.ZERO);
        for (QueryOutcome outcome : QueryOutcome.values()) {
            metrics.query("china-mobile", outcome);
        }
        for (ReplyResult result : ReplyResult.values()) {
            metrics.reply("china-unicom", result);
        }
        metrics.parts("china-mobile", 2);
        metrics.endToEnd("china-mobile", Duration.ofMillis(700));
        metrics.bound("china-mobile", BindType.TRANSCEIVER);
        metrics.bindRefused("unknown_system_id");
        metrics.cacheRequest(Tier.NEAR, true);
        metrics.lookupCompleted(Tier.NEAR, 20_000);
        metrics.redisAvailability(true);
        metrics.sourceError(io.cxmyd.itinerary.source.SourceException.Kind.STATUS_5XX);
        metrics.esme().bindAttempt("china-mobile", io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt.BOUND);
        metrics.esme().receipt("china-mobile", io.cxmyd.gateway.smpp.esme.ReceiptState.DELIVERED, true);
        metrics.esme().receipt("china-mobile", io.cxmyd.gateway.smpp.esme.ReceiptState.UNKNOWN, false);
        scrape = Scrape.parse(metrics.scrape());
    }

    @AfterAll
    static void close() {
        metrics.close();
    }

    @Test
    void everyCatalogueMetricIsScrapedUnderItsContractNameTypeAndDescription() {
        for (MetricNames.MetricName metric : MetricNames.ALL) {
            assertThat(scrape.types()).as(metric.exposedName())
                    .containsEntry(metric.exposedName(), metric.type().prometheusType());
            assertThat(scrape.help()).as(metric.exposedName())
                    .containsEntry(metric.exposedName(), metric.description());
        }
    }

    @Test
    void contractNamesAreExactlyAsWritten() {
        assertThat(MetricNames.ALL).extracting(MetricNames.MetricName::exposedName).contains(
                "cxmyd_binds", "cxmyd_queries_total", "cxmyd_replies_total", "cxmyd_lookup_seconds",
                "cxmyd_cache_requests_total");
        assertThat(scrape.samples()).extracting(Scrape.Sample::name).contains(
                "cxmyd_binds", "cxmyd_queries_total", "cxmyd_replies_total", "cxmyd_lookup_seconds_bucket",
                "cxmyd_lookup_seconds_count", "cxmyd_lookup_seconds_sum", "cxmyd_cache_requests_total");
    }

    @Test
    void everyGatewayFamilyInTheScrapeIsInTheCatalogue() {
        Set<String> known = new HashSet<>();
        for (MetricNames.MetricName metric : MetricNames.ALL) {
            known.add(metric.exposedName());
            if (metric.type() == MetricNames.MetricType.TIMER) {
                // Micrometer adds the largest recent value as a gauge of its own next to each timer.
                known.add(metric.exposedName() + "_max");
            }
        }
        Set<String> scraped = scrape.types().keySet().stream()
                .filter(name -> name.startsWith("cxmyd_"))
                .collect(Collectors.toSet());

        assertThat(scraped).isEqualTo(known);
    }

    @Test
    void everyFamilyIncludingJvmAndProcessHasADescription() {
        assertThat(scrape.types().keySet()).isNotEmpty().allSatisfy(family ->
                assertThat(scrape.help().get(family)).as(family).isNotBlank());
        assertThat(scrape.types().keySet()).contains(
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count");
    }

    @Test
    void everyGatewaySampleCarriesExactlyItsDeclaredLabels() {
        for (MetricNames.MetricName metric : MetricNames.ALL) {
            for (Scrape.Sample sample : scrape.samplesOf(metric.exposedName())) {
                Set<String> expected = new HashSet<>(metric.tagKeys());
                if (sample.name().endsWith("_bucket")) {
                    expected.add("le");
                }
                assertThat(sample.labels().keySet()).as(sample.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void everyGatewayLabelValueIsAConfiguredCarrierOrAFixedWord() {
        Set<String> allowed = new HashSet<>(CARRIERS);
        Stream.of(QueryOutcome.values()).map(QueryOutcome::label).forEach(allowed::add);
        Stream.of(ReplyResult.values()).map(ReplyResult::label).forEach(allowed::add);
        Stream.of(BindFailureReason.values()).map(BindFailureReason::label).forEach(allowed::add);
        Stream.of(SourceErrorKind.values()).map(SourceErrorKind::label).forEach(allowed::add);
        Stream.of(BindType.values()).map(BindType::label).forEach(allowed::add);
        Stream.of(Tier.values()).map(Tier::label).forEach(allowed::add);
        Stream.of(io.cxmyd.gateway.smpp.esme.ReceiptState.values())
                .map(io.cxmyd.gateway.smpp.esme.ReceiptState::label).forEach(allowed::add);
        Stream.of(io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt.values())
                .map(io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt::label).forEach(allowed::add);
        Stream.of(WebCodeResult.values()).map(WebCodeResult::label).forEach(allowed::add);
        allowed.add(MetricNames.HIT);
        allowed.add(MetricNames.MISS);

        List<Scrape.Sample> gateway = scrape.samples().stream()
                .filter(s -> s.name().startsWith("cxmyd_"))
                .toList();
        assertThat(gateway).isNotEmpty().allSatisfy(sample -> sample.labels().forEach((key, value) -> {
            if (!key.equals("le")) {
                assertThat(value).as(sample.toString()).isIn(allowed).doesNotContainPattern("[0-9]{2,}");
            }
        }));
    }

    @Test
    void catalogueNamesAndDescriptionsAreUniqueAndPresent() {
        assertThat(MetricNames.ALL).extracting(MetricNames.MetricName::name).doesNotHaveDuplicates();
        assertThat(MetricNames.ALL).extracting(MetricNames.MetricName::exposedName).doesNotHaveDuplicates();
        assertThat(MetricNames.ALL).allSatisfy(m -> assertThat(m.description()).isNotBlank());
    }
}

package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.itinerary.Tier;
import io.cxmyd.itinerary.source.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final List<String> CARRIERS = List.of("china-mobile", "china-unicom", "china-telecom");

    private final GatewayMetrics metrics = new GatewayMetrics(CARRIERS, true);

    @AfterEach
    void close() {
        metrics.close();
    }

    private Scrape scrape() {
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void queryIsCountedUnderTheContractNameWithCarrierAndOutcome() {
        metrics.query("china-mobile", QueryOutcome.SERVED);

        assertThat(metrics.scrape())
                .contains("cxmyd_queries_total{carrier=\"china-mobile\",outcome=\"served\"} 1.0\n")
                .contains("cxmyd_queries_total{carrier=\"china-unicom\",outcome=\"served\"} 0.0\n");
    }

    @Test
    void everyOutcomeAndResultOfEveryCarrierShowsZeroBeforeAnything() {
        Scrape scrape = scrape();

        for (String carrier : CARRIERS) {
            for (QueryOutcome outcome : QueryOutcome.values()) {
                assertThat(scrape.value("cxmyd_queries_total",
                        Map.of("carrier", carrier, "outcome", outcome.label()))).isZero();
            }
            for (ReplyResult result : ReplyResult.values()) {
                assertThat(scrape.value("cxmyd_replies_total",
                        Map.of("carrier", carrier, "result", result.label()))).isZero();
            }
            for (BindType type : BindType.values()) {
                assertThat(scrape.value("cxmyd_binds", Map.of("carrier", carrier, "type", type.label()))).isZero();
            }
            assertThat(scrape.value("cxmyd_reply_parts_total", Map.of("carrier", carrier))).isZero();
            assertThat(scrape.value("cxmyd_end_to_end_seconds_count", Map.of("carrier", carrier))).isZero();
        }
        for (Tier tier : Tier.values()) {
            assertThat(scrape.value("cxmyd_cache_requests_total", Map.of("tier", tier.label(), "result", "hit")))
                    .isZero();
            assertThat(scrape.value("cxmyd_cache_requests_total", Map.of("tier", tier.label(), "result", "miss")))
                    .isZero();
            assertThat(scrape.value("cxmyd_lookup_seconds_count", Map.of("tier", tier.label()))).isZero();
        }
        for (BindFailureReason reason : BindFailureReason.values()) {
            assertThat(scrape.value("cxmyd_bind_failures_total", Map.of("reason", reason.label()))).isZero();
        }
        for (SourceErrorKind kind : SourceErrorKind.values()) {
            assertThat(scrape.value("cxmyd_source_errors_total", Map.of("kind", kind.label()))).isZero();
        }
    }

    @Test
    void repliesPartsAndEndToEndAreCountedPerCarrier() {
        metrics.reply("china-unicom", ReplyResult.RETRIED);
        metrics.reply("china-unicom", ReplyResult.DELIVERED);
        metrics.parts("china-unicom", 3);
        metrics.endToEnd("china-unicom", Duration.ofMillis(1500));

        Scrape scrape = scrape();
        Map<String, String> unicom = Map.of("carrier", "china-unicom");
        assertThat(scrape.value("cxmyd_replies_total", Map.of("carrier", "china-unicom", "result", "retried")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_replies_total", Map.of("carrier", "china-unicom", "result", "delivered")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_reply_parts_total", unicom)).isEqualTo(3.0);
        assertThat(scrape.value("cxmyd_end_to_end_seconds_count", unicom)).isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_end_to_end_seconds_sum", unicom)).isEqualTo(1.5);
        assertThat(scrape.value("cxmyd_end_to_end_seconds_bucket", Map.of("carrier", "china-unicom", "le", "1.0")))
                .isZero();
        assertThat(scrape.value("cxmyd_end_to_end_seconds_bucket", Map.of("carrier", "china-unicom", "le", "2.0")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_end_to_end_seconds_bucket",
                Map.of("carrier", "china-unicom", "le", "+Inf"))).isEqualTo(1.0);
    }

    @Test
    void lookupLatencyIsAHistogramPerTier() {
        metrics.lookupCompleted(Tier.REDIS, TimeUnit.MICROSECONDS.toNanos(800));
        metrics.lookupCompleted(Tier.SOURCE, TimeUnit.MILLISECONDS.toNanos(120));

        Scrape scrape = scrape();
        assertThat(scrape.types()).containsEntry("cxmyd_lookup_seconds", "histogram");
        assertThat(scrape.value("cxmyd_lookup_seconds_bucket", Map.of("tier", "redis", "le", "5.0E-4"))).isZero();
        assertThat(scrape.value("cxmyd_lookup_seconds_bucket", Map.of("tier", "redis", "le", "0.001")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_lookup_seconds_bucket", Map.of("tier", "source", "le", "0.1"))).isZero();
        assertThat(scrape.value("cxmyd_lookup_seconds_bucket", Map.of("tier", "source", "le", "0.25")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cxmyd_lookup_seconds_count", Map.of("tier", "near"))).isZero();
    }

    @Test
    void cacheHitsAndMissesAreCountedPerTier() {
        metrics.cacheRequest(Tier.NEAR, false);
        metrics.cacheRequest(Tier.REDIS, true);
        metrics.cacheRequest(Tier.REDIS, true);

        assertThat(metrics.scrape())
                .contains("cxmyd_cache_requests_total{result=\"miss\",tier=\"near\"} 1.0\n")
                .contains("cxmyd_cache_requests_total{result=\"hit\",tier=\"redis\"} 2.0\n")
                .contains("cxmyd_cache_requests_total{result=\"hit\",tier=\"near\"} 0.0\n");
    }

    @Test
    void bindsGaugeFollowsBoundAndUnboundAndNeverGoesBelowZero() {
        metrics.bound("china-telecom", BindType.TRANSMITTER);
        metrics.bound("china-telecom", BindType.RECEIVER);
        metrics.bound("china-telecom", BindType.RECEIVER);
        metrics.unbound("china-telecom", BindType.TRANSMITTER);
        metrics.unbound("china-telecom", BindType.TRANSMITTER);

        assertThat(metrics.scrape())
                .contains("cxmyd_binds{carrier=\"china-telecom\",type=\"receiver\"} 2.0\n")
                .contains("cxmyd_binds{carrier=\"china-telecom\",type=\"transmitter\"} 0.0\n");
        assertThat(metrics.openBinds("china-telecom", BindType.TRANSCEIVER)).isZero();
    }

    @Test
    void refusedBindsAreCountedByReasonAndUnknownWordsAsOther() {
        metrics.bindRefused("bad_password");
        metrics.bindRefused("13800138000");
        metrics.bindFailure(BindFailureReason.LOCKED_OUT);

        String text = metrics.scrape();
        assertThat(text)
                .contains("cxmyd_bind_failures_total{reason=\"bad_password\"} 1.0\n")
                .contains("cxmyd_bind_failures_total{reason=\"other\"} 1.0\n")
                .contains("cxmyd_bind_failures_total{reason=\"locked_out\"} 1.0\n")
                .doesNotContain("13800138000");
    }

    @Test
    void sourceErrorsAreCountedByKindAndAFailureWithoutKindAsOther() {
        metrics.sourceError(SourceException.Kind.TIMEOUT);
        metrics.sourceError(null);

        String text = metrics.scrape();
        assertThat(text)
                .contains("cxmyd_source_errors_total{kind=\"timeout\"} 1.0\n")
                .contains("cxmyd_source_errors_total{kind=\"other\"} 1.0\n")
                .doesNotContain("13800138000");
    }

    @Test
    void redisUpStartsAtZeroWhenConfiguredAndFollowsAvailability() {
        assertThat(metrics.scrape()).contains("cxmyd_redis_up 0.0\n");
        metrics.redisAvailability(true);
        assertThat(metrics.scrape()).contains("cxmyd_redis_up 1.0\n");
        metrics.redisAvailability(false);
        assertThat(metrics.scrape()).contains("cxmyd_redis_up 0.0\n");
    }

    @Test
    void redisUpIsAbsentWithoutRedis() {
        try (GatewayMetrics inProcessOnly = new GatewayMetrics(CARRIERS)) {
            assertThat(inProcessOnly.scrape()).doesNotContain("cxmyd_redis_up");
        }
    }

    @Test
    void replyQueueGaugesReadTheQueueAtEachScrape() {
        AtomicInteger depth = new AtomicInteger(4);
        AtomicReference<Duration> oldest = new AtomicReference<>(Duration.ofMillis(2500));
        metrics.registerQueue("china-mobile", depth::get, oldest::get);

        assertThat(metrics.scrape())
                .contains("cxmyd_reply_queue_depth{carrier=\"china-mobile\"} 4.0\n")
                .contains("cxmyd_reply_queue_oldest_seconds{carrier=\"china-mobile\"} 2.5\n");
        depth.set(0);
        oldest.set(Duration.ZERO);
        assertThat(metrics.scrape())
                .contains("cxmyd_reply_queue_depth{carrier=\"china-mobile\"} 0.0\n")
                .contains("cxmyd_reply_queue_oldest_seconds{carrier=\"china-mobile\"} 0.0\n");
    }

    @Test
    void aQueueRegisteredTwiceIsRefused() {
        metrics.registerQueue("china-mobile", () -> 0, () -> Duration.ZERO);

        assertThatThrownBy(() -> metrics.registerQueue("china-mobile", () -> 1, () -> Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("china-mobile");
    }

    @Test
    void anUnconfiguredCarrierIsAProgrammingErrorAndItsNameIsMasked() {
        assertThatThrownBy(() -> metrics.query("13800138000", QueryOutcome.SERVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("138****8000")
                .hasMessageNotContaining("13800138000");
        assertThat(metrics.scrape()).doesNotContain("13800138000");
    }

    @Test
    void duplicateOrBlankCarrierIdsAreRefused() {
        assertThatThrownBy(() -> new GatewayMetrics(List.of("a", "a")))
                .hasMessage("carrier id: must be unique, 'a' appears twice");
        assertThatThrownBy(() -> new GatewayMetrics(List.of(" ")))
                .hasMessage("carrier id: must not be blank, was ' '");
    }

    @Test
    void lookupEventsWithNoTierOrNegativeTimeAreIgnoredNotThrown() {
        metrics.cacheRequest(null, true);
        metrics.lookupCompleted(null, 5);
        metrics.lookupCompleted(Tier.NEAR, -1);

        assertThat(scrape().value("cxmyd_lookup_seconds_count", Map.of("tier", "near"))).isZero();
    }
}

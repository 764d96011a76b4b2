package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.itinerary.cache.RedisServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics as an operator gets them: a real gateway (with a real Redis, so that {@code cxmyd_redis_up}
 * exists) scraped by a real Prometheus every second, queried back through Prometheus's HTTP API. Prometheus
 * must be installed (Debian/Ubuntu: {@code apt-get install prometheus}; .ci/run does it): without it these
 * tests fail rather than skip.
 */
class PrometheusScrapeIntegrationTests {

    /** How long Prometheus may take to start, scrape and answer: a guard against a hang, not a speed test. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static RedisServer redis;
    private static Gateway gateway;
    private static Process prometheus;
    private static int prometheusPort;

    @BeforeAll
    static void startGatewayAndPrometheus() throws Exception {
        Path binary = onPath("prometheus").orElseGet(() -> fail(
                "prometheus not found on PATH (" + System.getenv("PATH") + "): install it, e.g. "
                        + "'apt-get install prometheus' (.ci/run does it in CI)"));
        redis = RedisServer.start();
        gateway = TestGateways.start(TestGateways.config("cache:\n  redis: " + redis.uri() + "\n"));

        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: cxmyd-gateway
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(gateway.metricsPort()));
        prometheusPort = freePort();
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        awaitPrometheus("ready", "/-/ready", body -> true);
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroyForcibly();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void queriesTotalIsReadBackThroughPrometheusByOutcome() throws Exception {
        // china-mobile only: the other test of this class sends nothing, so these are all its queries. Its own
        // subscribers: another carrier's would be answered as unknown numbers (no_data), docs/smpp.md.
        try (SmppClient c = SmppClient.bind(SmppClient.Options.transceiver(
                "127.0.0.1", gateway.smppPort(), "cmcc", "cm-pass1"))) {
            ask(c, "13800138000", "CXMYD");     // served
            ask(c, "13800138001", "CXMYD");     // new_account
            ask(c, "13912345678", "CXMYD");     // no_data
            ask(c, "13500000077", "hello");     // unknown_keyword
            ask(c, "13800138003", "cxmyd");     // nothing_qualified
            ask(c, "13912345679", "CXMYD");     // no_data again
            assertThat(c.submit("13800138000", "10010", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVDSTADR); // rejected
        }
        Map<String, Double> expected = new TreeMap<>(Map.of(
                "served", 1.0, "new_account", 1.0, "no_data", 2.0, "unknown_keyword", 1.0,
                "nothing_qualified", 1.0, "rejected", 1.0, "throttled", 0.0, "unavailable", 0.0));
        expected.put("consent_asked", 0.0);
        expected.put("consent_refused", 0.0);

        JsonNode result = awaitQuery("cxmyd_queries_total{carrier=\"china-mobile\"}",
                r -> byOutcome(r).equals(expected));

        assertThat(byOutcome(result)).isEqualTo(expected);
        for (JsonNode series : result) {
            assertThat(series.path("metric").path("job").asText()).isEqualTo("cxmyd-gateway");
            assertThat(series.path("metric").path("instance").asText())
                    .isEqualTo("127.0.0.1:" + gateway.metricsPort());
        }
    }

    @Test
    void prometheusSeesTheTargetUpAndTheOtherCarriersAtZero() throws Exception {
        JsonNode up = awaitQuery("up{job=\"cxmyd-gateway\"}", r -> r.size() == 1);
        assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");

        JsonNode telecom = awaitQuery("cxmyd_queries_total{carrier=\"china-telecom\"}", r -> r.size() == QueryOutcome.values().length);
        assertThat(byOutcome(telecom).values()).containsOnly(0.0);
    }

    /**
     * Every metric name the dashboard and the alert rules use is on the {@code /metrics} of a running gateway,
     * as Prometheus fetches it: the same check as {@link DashboardAndAlertsMetricsTest}, but on the wiring of
     * {@link Gateway} instead of a hand-fed {@link GatewayMetrics}.
     */
    @Test
    void everyMetricOfTheDashboardAndAlertsIsOnTheRunningGatewaysMetrics() throws Exception {
        // Bind once, so that every kind of meter has been touched by real traffic too.
        try (SmppClient c = SmppClient.bind(SmppClient.Options.transceiver(
                "127.0.0.1", gateway.smppPort(), "ctcc", "ct-pass1"))) {
            assertThat(c.isBound()).isTrue();
        }
        ReferencedMetrics.awaitFirstGcPause(gateway.metrics().registry());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Scrape scrape = Scrape.parse(response.body());

        assertThat(ReferencedMetrics.referencedCount()).isGreaterThan(20);
        assertThat(ReferencedMetrics.unknownInDashboard(scrape)).as("panel -> names not on /metrics").isEmpty();
        assertThat(ReferencedMetrics.unknownInAlerts(scrape)).as("alert -> names not on /metrics").isEmpty();
    }

    private static void ask(SmppClient c, String from, String text) throws Exception {
        assertThat(c.submit(from, "10086", text)).as(text + " from " + from).isEqualTo(SmppStatus.ESME_ROK);
        assertThat(c.awaitReply(REPLY_WAIT)).as("a reply to " + text + " from " + from).isPresent();
    }

    private static Map<String, Double> byOutcome(JsonNode result) {
        Map<String, Double> counts = new TreeMap<>();
        for (JsonNode series : result) {
            counts.put(series.path("metric").path("outcome").asText(),
                    Double.parseDouble(series.path("value").get(1).asText()));
        }
        return counts;
    }

    /** Asks {@code /api/v1/query} until the result vector passes {@code done}; fails after the deadline. */
    private static JsonNode awaitQuery(String promQl, Predicate<JsonNode> done) throws Exception {
        String path = "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8);
        JsonNode[] last = new JsonNode[1];
        awaitPrometheus(promQl, path, body -> {
            try {
                JsonNode answer = json.readTree(body);
                if (!"success".equals(answer.path("status").asText())) {
                    throw new AssertionError("Prometheus refused " + promQl + ": " + body);
                }
                last[0] = answer.path("data").path("result");
                return done.test(last[0]);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        });
        return last[0];
    }

    /** Polls a Prometheus path until it answers 200 with a body that passes {@code done}. */
    private static void awaitPrometheus(String what, String path, Predicate<String> done) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + prometheusPort + path);
        Instant deadline = Instant.now().plus(DEADLINE);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue() + ": " + prometheusLog());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && done.test(r.body())) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(200);
        }
        fail("Prometheus: " + what + " not within " + DEADLINE + "; last answer: " + last + "\nlog: " + prometheusLog());
    }

    private static String prometheusLog() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

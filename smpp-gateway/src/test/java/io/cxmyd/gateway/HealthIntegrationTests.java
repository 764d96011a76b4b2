package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.itinerary.source.http.FakePlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness on a real gateway, end to end: not ready while the dataset loads, while the itinerary source does
 * not answer, while draining; live all along.
 */
class HealthIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final HttpClient http = HttpClient.newHttpClient();

    /** The status and body of a GET, or null while nothing listens on the port. */
    record Answer(int status, String body) {
    }

    static Answer get(int port, String path) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** Polls the path until the answer passes {@code done}; fails after {@link #WAIT} with the last answer. */
    static Answer await(int port, String path, Predicate<Answer> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(port, path);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + WAIT + " on " + path + "; last answer: " + last);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String withMetricsPort(String yaml, int port) {
        return yaml.replace("metrics:\n  host: 127.0.0.1\n  port: 0\n", "metrics:\n  host: 127.0.0.1\n  port: " + port + "\n");
    }

    /**
     * The dataset's cells.csv (the first file the load reads, and read once) is a named pipe: the load blocks
     * on it until the test writes the file, so the window in which the gateway loads is as long as the test
     * needs, not a race.
     */
    @Test
    void notReadyWhileTheDatasetLoadsThenReady(@TempDir Path dir) throws Exception {
        for (String file : new String[] {"subscribers.csv", "signaling.csv"}) {
            Files.copy(TestGateways.DEMO.resolve(file), dir.resolve(file));
        }
        Path cells = dir.resolve("cells.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", cells.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        int port = freePort();
        String yaml = withMetricsPort(TestGateways.configWithItinerary(
                "itinerary:\n  source: local\n  local:\n    dir: " + dir + "\n", ""), port);
        CompletableFuture<Gateway> started = CompletableFuture.supplyAsync(() -> {
            try {
                return TestGateways.start(yaml);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean written = false;
        try {
            Answer loading = await(port, "/health/ready", a -> true);
            assertThat(loading.status()).isEqualTo(503);
            assertThat(loading.body()).isEqualTo("{\"status\":\"DOWN\",\"smppListening\":false,\"sourceReady\":false}");
            assertThat(get(port, "/health").status()).isEqualTo(503);
            assertThat(get(port, "/health/live").status()).isEqualTo(200);
            assertThat(started).isNotDone();

            try (OutputStream out = Files.newOutputStream(cells)) {
                out.write(Files.readAllBytes(TestGateways.DEMO.resolve("cells.csv")));
            }
            written = true;
            try (Gateway gateway = started.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                Answer ready = get(port, "/health/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
            }
        } finally {
            if (!written) {
                // Unblock the load (it ends on an empty file) so that no thread is left waiting.
                Files.newOutputStream(cells).close();
                started.handle((g, e) -> {
                    if (g != null) {
                        g.close();
                    }
                    return null;
                });
            }
        }
    }

    @Test
    void notReadyWhileTheHttpSourceDoesNotAnswerItsHealthCheck() throws Exception {
        try (FakePlatform platform = FakePlatform.start()
                .answer(r -> FakePlatform.Reply.json(200, "{\"status\":\"up\"}"));
             Gateway gateway = TestGateways.start(TestGateways.configWithItinerary(
                     "itinerary:\n  source: http\n  http:\n    baseUrl: " + platform.baseUrl() + "\n", ""))) {
            int port = gateway.metricsPort();
            await(port, "/health/ready", a -> a.status() == 200);

            platform.answer(r -> FakePlatform.Reply.empty(503));
            Answer down = await(port, "/health/ready", a -> a.status() == 503);
            assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"smppListening\":true,\"sourceReady\":false}");
            assertThat(get(port, "/health/live").status()).isEqualTo(200);

            platform.answer(r -> FakePlatform.Reply.json(200, "{\"status\":\"up\"}"));
            await(port, "/health/ready", a -> a.status() == 200);
        }
    }

    @Test
    void notReadyWhileTheHttpSourceIsUnreachable() throws Exception {
        try (Gateway gateway = TestGateways.start(TestGateways.configWithItinerary(
                "itinerary:\n  source: http\n  http:\n    baseUrl: http://127.0.0.1:" + freePort() + "\n"
                        + "    connectTimeout: 200ms\n", ""))) {
            int port = gateway.metricsPort();
            // The first check is made at start-up; until it is answered the source counts as not answering.
            Answer down = get(port, "/health/ready");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).contains("\"sourceReady\":false");
        }
    }

    /** A reply the carrier holds unanswered keeps the drain going for as long as the test looks at it. */
    @Test
    void notReadyAndRefusingNewQueriesWhileDraining() throws Exception {
        Gateway gateway = TestGateways.start(TestGateways.config(""));
        int port = gateway.metricsPort();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> drained;
        try (SmppClient mobile = SmppClient.bind(SmppClient.Options.transceiver(
                "127.0.0.1", gateway.smppPort(), "cmcc", "cm-pass1"))) {
            await(port, "/health/ready", a -> a.status() == 200);
            mobile.answerDeliveries(n -> {
                held.countDown();
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SmppStatus.ESME_ROK;
            });
            assertThat(mobile.submit("13800138004", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(held.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the reply reached the carrier").isTrue();

            drained = CompletableFuture.runAsync(gateway::drainAndClose);
            try {
                Answer draining = await(port, "/health/ready", a -> a.status() == 503);
                assertThat(draining.body()).isEqualTo("{\"status\":\"DRAINING\",\"smppListening\":true,\"sourceReady\":true}");
                assertThat(get(port, "/health").body()).startsWith("{\"status\":\"DRAINING\"");
                assertThat(get(port, "/health/live").status()).isEqualTo(200);
                assertThat(mobile.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RX_T_APPN);
                assertThat(drained).isNotDone();
            } finally {
                release.countDown();
            }
            assertThat(mobile.awaitReply(WAIT)).as("the held reply is delivered during the drain").isPresent();
            drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            release.countDown();
            gateway.close();
        }
    }
}

package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP on loopback. */
class AdminHttpServerIntegrationTests {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean sourceReady = new AtomicBoolean();
    private final HealthState health = new HealthState(sourceReady::get);
    private GatewayMetrics metrics;
    private AdminHttpServer server;

    @BeforeEach
    void start() {
        metrics = new GatewayMetrics(List.of("china-mobile"));
        server = AdminHttpServer.start(AdminHttpOptions.builder().port(0).build(), metrics, health);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void metricsAnswersTheScrapeAsPrometheusText() throws Exception {
        metrics.query("china-mobile", QueryOutcome.SERVED);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE cxmyd_queries_total counter\n")
                .contains("cxmyd_queries_total{carrier=\"china-mobile\",outcome=\"served\"} 1.0\n");
    }

    @Test
    void metricsIsGzippedWhenTheScraperAsks() throws Exception {
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(uri("/metrics")).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
        try (InputStream body = new GZIPInputStream(response.body())) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("cxmyd_binds{");
        }
    }

    @Test
    void healthIs503BeforeReady200WhenReadyAnd503WhileDraining() throws Exception {
        HttpResponse<String> before = get("/health");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(before.body()).isEqualTo("{\"status\":\"DOWN\",\"smppListening\":false,\"sourceReady\":false}");

        health.smppListening(true);
        sourceReady.set(true);
        HttpResponse<String> ready = get("/health");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");

        health.startDraining();
        HttpResponse<String> draining = get("/health");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).startsWith("{\"status\":\"DRAINING\"");
    }

    @Test
    void readyIsTheSameAsHealth() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        health.smppListening(true);
        sourceReady.set(true);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void liveIs200EvenWhileNotReady() throws Exception {
        health.startDraining();

        HttpResponse<String> response = get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
    }

    @Test
    void queryStringDoesNotChangeTheRoute() throws Exception {
        assertThat(get("/metrics?name[]=cxmyd_binds").statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405WithAllowGet() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/health")).DELETE().build());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void aKeptAliveConnectionServesSeveralRequests() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).startsWith("HTTP/1.1 200 OK").endsWith("{\"status\":\"UP\"}");
            }
        }
    }

    @Test
    void anOversizedRequestIsRefusedAndTheConnectionClosed() throws Exception {
        String huge = "x".repeat(AdminHttpOptions.DEFAULT_MAX_REQUEST_BYTES * 2);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Big: " + huge + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheServer() throws Exception {
        AdminHttpOptions quick = AdminHttpOptions.builder().port(0).idleTimeout(Duration.ofMillis(200)).build();
        try (AdminHttpServer idle = AdminHttpServer.start(quick, metrics, health);
             Socket socket = new Socket("127.0.0.1", idle.port())) {
            // A safety net only: the server closes long before; if it never does, the read fails the test.
            socket.setSoTimeout(30_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() {
        AdminHttpOptions taken = AdminHttpOptions.builder().port(server.port()).build();

        assertThatThrownBy(() -> AdminHttpServer.start(taken, metrics, health))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("metrics: cannot listen on 127.0.0.1:" + server.port());
    }

    /** One response with a Content-Length body, read byte by byte so the connection stays usable. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}

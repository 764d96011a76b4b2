package io.cxmyd.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many queries of one carrier the gateway has counted as over the per-subscriber limit
 * ({@code cxmyd_queries_total{outcome="throttled"}} on its metrics endpoint). {@code send} reads it before and
 * after waiting, so that a reply that never comes can be explained: past the limit the gateway is silent on
 * purpose (docs/replies.md), which otherwise looks exactly like a gateway that lost the query.
 */
final class ThrottleCount {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ThrottleCount() {
    }

    /** The count, or -1 when the endpoint cannot be read (metrics elsewhere, gateway gone). */
    static long read(String host, int port, String carrierId) {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + h + ":" + port
                    + "/metrics")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? of(response.body(), carrierId) : -1;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sums the throttled series of {@code carrierId} in a Prometheus text scrape. Pure. */
    static long of(String scrape, String carrierId) {
        long total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("cxmyd_queries_total{") && line.contains("outcome=\"throttled\"")
                    && line.contains("carrier=\"" + carrierId + "\"")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip());
            }
        }
        return total;
    }
}

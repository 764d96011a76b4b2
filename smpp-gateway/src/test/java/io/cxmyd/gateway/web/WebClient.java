package io.cxmyd.gateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** HTTP for the web channel's tests: JSON posts, a cookie carried by hand, nothing hidden. */
final class WebClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    WebClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return post(path, json, "application/json", null, null);
    }

    HttpResponse<String> post(String path, String body, String contentType, String cookie, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> askCode(String msisdn) throws IOException, InterruptedException {
        return postJson("/api/v1/codes", "{\"msisdn\":\"" + msisdn + "\"}");
    }

    HttpResponse<String> verify(String msisdn, String code) throws IOException, InterruptedException {
        return postJson("/api/v1/itinerary", "{\"msisdn\":\"" + msisdn + "\",\"code\":\"" + code + "\"}");
    }

    /** {@code name=value} of the response's session cookie, for the next request's Cookie header. */
    static Optional<String> sessionCookie(HttpResponse<?> r) {
        return r.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]);
    }
}

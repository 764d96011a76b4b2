package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WebRoutesTest {

    private final WebRoutes routes = new WebRoutes(List.of("cxmyd.example", "127.0.0.1"))
            .get("/", r -> CompletableFuture.completedFuture(WebResponse.empty(200)))
            .postJson("/api", r -> CompletableFuture.completedFuture(WebResponse.empty(202)));

    private static WebRequest request(String method, String path, Map<String, String> headers) {
        return new WebRequest(method, path, headers::get, Map.of(), new byte[0], InetAddress.getLoopbackAddress());
    }

    private int status(String method, String path, Map<String, String> headers) {
        return routes.answer(request(method, path, headers)).join().status();
    }

    @Test
    void configuredHostWithOrWithoutPortIsServed() {
        assertThat(status("GET", "/", Map.of("Host", "cxmyd.example"))).isEqualTo(200);
        assertThat(status("GET", "/", Map.of("Host", "CXMYD.example:8080"))).isEqualTo(200);
        assertThat(status("GET", "/", Map.of("Host", "127.0.0.1:8080"))).isEqualTo(200);
    }

    @Test
    void addressLiteralsAreServedSinceDnsCannotRebindThem() {
        assertThat(status("GET", "/", Map.of("Host", "192.168.1.20:8080"))).isEqualTo(200);
        assertThat(status("GET", "/", Map.of("Host", "[::1]:8080"))).isEqualTo(200);
        assertThat(status("GET", "/", Map.of("Host", "192.168.1.20.attacker.example"))).isEqualTo(400);
        assertThat(status("GET", "/", Map.of("Host", "999.1.1.1"))).isEqualTo(400);
    }

    @Test
    void otherOrMissingHostIsRefused() {
        assertThat(status("GET", "/", Map.of("Host", "attacker.example"))).isEqualTo(400);
        assertThat(status("GET", "/", Map.of("Host", "cxmyd.example.attacker.example"))).isEqualTo(400);
        assertThat(status("GET", "/", Map.of())).isEqualTo(400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        assertThat(status("GET", "/nope", Map.of("Host", "cxmyd.example"))).isEqualTo(404);
        WebResponse r = routes.answer(request("DELETE", "/", Map.of("Host", "cxmyd.example"))).join();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void jsonRouteRefusesOtherContentTypes() {
        assertThat(status("POST", "/api", Map.of("Host", "cxmyd.example", "Content-Type", "text/plain"))).isEqualTo(415);
        assertThat(status("POST", "/api", Map.of("Host", "cxmyd.example",
                "Content-Type", "application/x-www-form-urlencoded"))).isEqualTo(415);
        assertThat(status("POST", "/api", Map.of("Host", "cxmyd.example"))).isEqualTo(415);
        assertThat(status("POST", "/api", Map.of("Host", "cxmyd.example",
                "Content-Type", "application/json; charset=utf-8"))).isEqualTo(202);
    }
}

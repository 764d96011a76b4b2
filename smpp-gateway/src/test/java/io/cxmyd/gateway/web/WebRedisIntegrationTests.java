package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.itinerary.cache.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web channel's state in a real redis-server: a session survives a restart of the gateway, a code asked
 * on one instance is checked on another, and what is stored holds neither the number nor the code in clear.
 */
class WebRedisIntegrationTests {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static Gateway gateway() throws Exception {
        return TestGateways.start(TestGateways.config("""
                cache:
                  redis: %s
                  hashKey: "web-test-hash-key-0123456789"
                web:
                  host: 127.0.0.1
                  port: 0
                """.formatted(redis.uri())));
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** A gateway connects to Redis in the background, answering 503 until then: the first call waits for it. */
    private static HttpResponse<String> onceConnected(Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> r = call.send();
        while (r.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = call.send();
        }
        return r;
    }

    private static HttpResponse<String> askCode(WebClient web, String msisdn) throws Exception {
        return onceConnected(() -> web.askCode(msisdn));
    }

    @Test
    void sessionSurvivesARestartAndCodesAreSharedByInstances() throws Exception {
        String cookie;
        try (Gateway first = gateway(); Gateway second = gateway();
             Phones phones = new Phones(first.smppPort(), "china-mobile", "cmcc", "cm-pass1")) {
            WebClient one = new WebClient(first.webPort());
            WebClient two = new WebClient(second.webPort());
            assertThat(askCode(one, "13800138000").statusCode()).isEqualTo(202);
            String code = phones.code("china-mobile", "13800138000");
            assertThat(onceConnected(() -> two.askCode("13800138000")).statusCode()).as("the other instance knows the minute").isEqualTo(429);

            HttpResponse<String> verified = onceConnected(() -> two.verify("13800138000", code));

            assertThat(verified.statusCode()).isEqualTo(200);
            cookie = WebClient.sessionCookie(verified).orElseThrow();
            assertThat(one.verify("13800138000", code).statusCode()).as("used on the other instance").isEqualTo(401);
            assertThat(redis.command("EVAL", "return table.concat(redis.call('KEYS', 'cxmyd:web:*'), ' ')", "0"))
                    .contains("cxmyd:web:wt:").doesNotContain("13800138000").doesNotContain("8000");
        }
        try (Gateway restarted = gateway()) {
            WebClient web = new WebClient(restarted.webPort());
            HttpResponse<String> card = onceConnected(() -> web.get("/api/v1/itinerary", cookie));

            assertThat(card.statusCode()).isEqualTo(200);
            assertThat(card.body()).contains("\"msisdn\":\"138****8000\"", "北京市");
        }
    }

    @Test
    void fiveWrongCodesKillTheCodeInRedisToo() throws Exception {
        try (Gateway g = gateway(); Phones phones = new Phones(g.smppPort(), "china-mobile", "cmcc", "cm-pass1")) {
            WebClient web = new WebClient(g.webPort());
            assertThat(askCode(web, "13800138004").statusCode()).isEqualTo(202);
            String code = phones.code("china-mobile", "13800138004");
            String wrong = code.equals("999999") ? "999998" : "999999";
            for (int i = 0; i < 5; i++) {
                assertThat(web.verify("13800138004", wrong).statusCode()).isEqualTo(401);
            }
            // What Redis holds of the code: its HMAC (64 hex digits), never the six digits.
            assertThat(redis.command("EVAL", "return redis.call('HGET', redis.call('KEYS', 'cxmyd:web:wc:*')[1], 'h')", "0"))
                    .matches("[0-9a-f]{64}");

            assertThat(web.verify("13800138004", code).body()).contains("code_dead");
        }
    }
}

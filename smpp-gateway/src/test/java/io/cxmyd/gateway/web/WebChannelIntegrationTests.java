package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web channel over real HTTP on a running gateway (demo dataset, pinned rules clock), codes read from the
 * SMS that the carriers' receiver binds get. The channel's own clock is moved by the tests: each test starts
 * an hour and a minute later than the one before, so budgets and per-number minutes never carry over.
 */
class WebChannelIntegrationTests {

    static final String WEB = """
            web:
              host: 127.0.0.1
              port: 0
              codes:
                perAddressPerHour: 25
              declarationClients:
                - id: health-code
                  key: "health-code-key-0123456789"
                - id: small-client
                  key: "small-client-key-0123456789"
                  perMinute: 2
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:30Z"));
    private static Gateway gateway;
    private static Phones phones;
    private static WebClient web;

    @BeforeAll
    static void start() throws Exception {
        gateway = new Gateway(TestGateways.parse(TestGateways.config(WEB)), clock).start();
        phones = Phones.ofTestGateway(gateway.smppPort());
        web = new WebClient(gateway.webPort());
    }

    @AfterAll
    static void stop() {
        if (phones != null) {
            phones.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void freshHour() {
        clock.advance(Duration.ofMinutes(61));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static String login(String carrier, String msisdn) throws Exception {
        assertThat(web.askCode(msisdn).statusCode()).isEqualTo(202);
        HttpResponse<String> r = web.verify(msisdn, phones.code(carrier, msisdn));
        assertThat(r.statusCode()).isEqualTo(200);
        return WebClient.sessionCookie(r).orElseThrow();
    }

    @Test
    void pageIsServedInChineseWithItsScriptAndStyleUnderTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = web.get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("lang=\"zh-CN\"", "获取验证码", "<label for=\"msisdn\">", "/app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(web.get("/app.js", null).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(web.get("/app.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertThat(web.get("/admin", null).statusCode()).isEqualTo(404);
        HttpResponse<String> r = web.get("/api/v1/codes", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void knownNumberGetsItsCodeFromItsCarriersFirstServiceNumberWithTheSignature() throws Exception {
        HttpResponse<String> asked = web.askCode("18900000000");

        assertThat(asked.statusCode()).isEqualTo(202);
        ReceivedReply sms = phones.sms("china-telecom", "18900000000");
        assertThat(sms.source().address()).isEqualTo("10000");
        assertThat(sms.text()).startsWith("【中国电信】");
        Phones.codeIn(sms.text());
    }

    @Test
    void unknownNumberGetsTheSameAnswerAndNoSms() throws Exception {
        int before = phones.delivered("china-mobile") + phones.delivered("china-unicom") + phones.delivered("china-telecom");
        HttpResponse<String> unknown = web.askCode("13912345678");
        HttpResponse<String> known = web.askCode("13800138000");

        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        phones.sms("china-mobile", "13800138000");
        int after = phones.delivered("china-mobile") + phones.delivered("china-unicom") + phones.delivered("china-telecom");
        assertThat(after - before).isEqualTo(1);
    }

    @Test
    void malformedNumberOrBodyIs400AndOtherContentTypesAre415() throws Exception {
        assertThat(web.askCode("1380013800").statusCode()).isEqualTo(400);
        assertThat(web.askCode("12800138000").statusCode()).isEqualTo(400);
        assertThat(web.askCode("02012345678").statusCode()).isEqualTo(400);
        assertThat(web.postJson("/api/v1/codes", "{\"msisdn\":13800138000}").statusCode()).isEqualTo(400);
        assertThat(web.postJson("/api/v1/codes", "not json").statusCode()).isEqualTo(400);
        assertThat(web.postJson("/api/v1/codes", "[\"13800138000\"]").statusCode()).isEqualTo(400);
        assertThat(web.post("/api/v1/codes", "msisdn=13800138000", "application/x-www-form-urlencoded", null, null)
                .statusCode()).isEqualTo(415);
        assertThat(web.postJson("/api/v1/itinerary", "{\"msisdn\":\"13800138000\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void secondCodeWithinAMinuteIs429WithRetryAfter() throws Exception {
        assertThat(web.askCode("13800138002").statusCode()).isEqualTo(202);
        phones.sms("china-mobile", "13800138002");
        clock.advance(Duration.ofSeconds(15));

        HttpResponse<String> again = web.askCode("+8613800138002");

        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).hasValue("45");
    }

    @Test
    void rightCodeGivesTheCardAndASessionCookieOnce() throws Exception {
        assertThat(web.askCode("13800138000").statusCode()).isEqualTo(202);
        String code = phones.code("china-mobile", "13800138000");

        HttpResponse<String> r = web.verify("13800138000", code);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode card = json(r);
        assertThat(card.get("msisdn").asText()).isEqualTo("138****8000");
        assertThat(card.get("outcome").asText()).isEqualTo("found");
        assertThat(card.get("updateTime").asText()).isEqualTo("2026-11-21T08:00+08:00");
        assertThat(card.get("from").asText()).isEqualTo("2026-11-14");
        assertThat(card.get("to").asText()).isEqualTo("2026-11-20");
        assertThat(card.get("places").findValuesAsText("name"))
                .containsExactly("北京市", "河北省石家庄市", "广东省广州市", "湖北省仙桃市");
        assertThat(card.get("places").get(0).get("code").asText()).isEqualTo("110000");
        assertThat(card.get("places").get(0).get("risk").asBoolean()).isFalse();
        assertThat(card.get("countries").toString()).isEqualTo("[{\"code\":\"JP\",\"name\":\"日本\"}]");
        assertThat(card.get("notes")).isEmpty();
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("cxmyd_session=").contains("HttpOnly", "SameSite=Strict", "Path=/",
                "Max-Age=604800").doesNotContain("Secure");
        assertThat(web.verify("13800138000", code).statusCode()).as("a used code").isEqualTo(401);
    }

    @Test
    void wrongCodeIs401AndFiveWrongKillTheCodeEvenForTheRightOne() throws Exception {
        assertThat(web.askCode("13800138005").statusCode()).isEqualTo(202);
        String code = phones.code("china-mobile", "13800138005");
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(web.verify("13800138005", wrong).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> right = web.verify("13800138005", code);

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(json(right).get("error").asText()).isEqualTo("code_dead");
    }

    @Test
    void codeExpiresAfterFiveMinutes() throws Exception {
        assertThat(web.askCode("17000000001").statusCode()).isEqualTo(202);
        String code = phones.code("china-mobile", "17000000001");

        clock.advance(Duration.ofMinutes(5));

        assertThat(web.verify("17000000001", code).statusCode()).isEqualTo(401);
    }

    @Test
    void codeNeverAskedForIs401() throws Exception {
        assertThat(web.verify("13800138003", "123456").statusCode()).isEqualTo(401);
        assertThat(web.verify("13800138003", "12345a").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionShowsTheSameCardWithoutACodeUntilLogout() throws Exception {
        String cookie = login("china-mobile", "13800138002");

        HttpResponse<String> again = web.get("/api/v1/itinerary", cookie);

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode card = json(again);
        assertThat(card.get("msisdn").asText()).isEqualTo("138****8002");
        assertThat(card.get("notes").toString()).isEqualTo("[\"ported\"]");
        clock.advance(Duration.ofDays(6));
        assertThat(web.get("/api/v1/itinerary", cookie).statusCode()).as("6 days on").isEqualTo(200);
        HttpResponse<String> out = web.post("/api/v1/logout", "", null, cookie, null);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(web.get("/api/v1/itinerary", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionEndsAfterSevenDays() throws Exception {
        String cookie = login("china-unicom", "18600000000");

        clock.advance(Duration.ofDays(7));

        assertThat(web.get("/api/v1/itinerary", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void itineraryWithoutOrWithAForgedSessionIs401() throws Exception {
        assertThat(web.get("/api/v1/itinerary", null).statusCode()).isEqualTo(401);
        assertThat(web.get("/api/v1/itinerary", "cxmyd_session=" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(web.get("/api/v1/itinerary", "cxmyd_session=x").statusCode()).isEqualTo(401);
    }

    @Test
    void eachOutcomeHasItsWordInTheCard() throws Exception {
        assertThat(json(web.get("/api/v1/itinerary", login("china-mobile", "13800138001"))).get("outcome").asText())
                .isEqualTo("new_account");
        assertThat(json(web.get("/api/v1/itinerary", login("china-mobile", "13800138003"))).get("outcome").asText())
                .isEqualTo("nothing_qualified");
        JsonNode noData = json(web.get("/api/v1/itinerary", login("china-mobile", "13800138004")));
        assertThat(noData.get("outcome").asText()).isEqualTo("no_data");
        assertThat(noData.get("places")).isEmpty();
        assertThat(json(web.get("/api/v1/itinerary", login("china-mobile", "17000000001"))).get("notes").toString())
                .isEqualTo("[\"virtual_operator\"]");
    }

    @Test
    void addressBudgetRefusesPastItsCountForAnyNumber() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertThat(web.askCode(String.format("139000000%02d", i)).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> over = web.askCode("13800138000");

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    private HttpResponse<String> check(String key, String body) throws Exception {
        return web.post("/api/v1/declarations/check", body, "application/json", null, key == null ? null : "Bearer " + key);
    }

    @Test
    void declarationCheckListsWhatTheDeclarationLacksInItineraryOrder() throws Exception {
        HttpResponse<String> r = check("health-code-key-0123456789",
                "{\"msisdn\":\"13800138000\",\"declared\":[\"440106\",\"110105\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"msisdn\":\"138****8000\",\"outcome\":\"found\","
                + "\"updateTime\":\"2026-11-21T08:00+08:00\",\"consistent\":false,\"undeclared\":["
                + "{\"code\":\"130100\",\"name\":\"河北省石家庄市\"},{\"code\":\"429004\",\"name\":\"湖北省仙桃市\"},"
                + "{\"code\":\"JP\",\"name\":\"日本\"}]}");
    }

    @Test
    void fullDeclarationIsConsistent() throws Exception {
        JsonNode r = json(check("health-code-key-0123456789",
                "{\"msisdn\":\"13800138000\",\"declared\":[\"110000\",\"130102\",\"440100\",\"429004\",\"JP\"]}"));

        assertThat(r.get("consistent").asBoolean()).isTrue();
        assertThat(r.get("undeclared")).isEmpty();
    }

    @Test
    void declarationCheckWithoutAValidKeyIs401() throws Exception {
        String body = "{\"msisdn\":\"13800138000\",\"declared\":[]}";
        assertThat(check(null, body).statusCode()).isEqualTo(401);
        assertThat(check("health-code-key-012345678", body).statusCode()).isEqualTo(401);
        assertThat(check("health-code-key-0123456789x", body).statusCode()).isEqualTo(401);
        assertThat(web.post("/api/v1/declarations/check", body, "application/json", null,
                "Basic aGVhbHRoOmNvZGU=").statusCode()).isEqualTo(401);
    }

    @Test
    void malformedDeclarationIs400() throws Exception {
        String key = "health-code-key-0123456789";
        assertThat(check(key, "{\"msisdn\":\"13800138000\"}").statusCode()).isEqualTo(400);
        assertThat(check(key, "{\"msisdn\":\"13800138000\",\"declared\":[\"Guangzhou\"]}").statusCode()).isEqualTo(400);
        assertThat(check(key, "{\"msisdn\":\"123\",\"declared\":[]}").statusCode()).isEqualTo(400);
    }

    @Test
    void declarationClientPastItsBudgetIs429() throws Exception {
        String body = "{\"msisdn\":\"13800138000\",\"declared\":[]}";
        assertThat(check("small-client-key-0123456789", body).statusCode()).isEqualTo(200);
        assertThat(check("small-client-key-0123456789", body).statusCode()).isEqualTo(200);

        HttpResponse<String> over = check("small-client-key-0123456789", body);

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(check("health-code-key-0123456789", body).statusCode()).as("another client").isEqualTo(200);
    }
}

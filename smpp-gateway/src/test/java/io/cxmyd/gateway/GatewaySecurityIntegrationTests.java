package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 #4 and #8 on a whole gateway: a carrier reads only its own subscribers' itineraries; the admin
 * view needs its token, and a suspension outlives a restart and shows as a metric.
 */
class GatewaySecurityIntegrationTests {

    private static final String TOKEN = "admin-token-for-tests-0123";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** 18900000000 is china-telecom's (demo data: a week in 上海, then Hong Kong). */
    @Test
    void anotherCarriersSubscriberGetsNoItinerary() throws Exception {
        try (Gateway gateway = TestGateways.start(TestGateways.config(""));
                SmppClient mobile = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(),
                        "cmcc", "cm-pass1"))) {
            assertThat(mobile.submit("18900000000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            ReceivedReply reply = GatewayEndToEndIntegrationTests.replyTo(mobile, "18900000000");

            assertThat(reply.text()).doesNotContain("上海").doesNotContain("香港");
            assertThat(scrape(gateway)).contains("cxmyd_queries_other_carrier_total{carrier=\"china-mobile\"} 1.0");
        }
    }

    @Test
    void adminRoutesNeedTheToken() throws Exception {
        try (Gateway gateway = TestGateways.start(TestGateways.config(admin()))) {
            assertThat(post(gateway, "/admin/carriers/china-mobile/suspend", null).statusCode()).isEqualTo(401);
            assertThat(post(gateway, "/admin/carriers/china-mobile/suspend", "wrong-token-0123456789")
                    .statusCode()).isEqualTo(401);
            assertThat(gateway.state().suspended("china-mobile")).isFalse();
            assertThat(post(gateway, "/admin/carriers/china-mobile/suspend", TOKEN).statusCode()).isEqualTo(200);
            assertThat(gateway.state().suspended("china-mobile")).isTrue();
        }
    }

    @Test
    void aSuspensionOutlivesARestartAndShowsAsAMetric() throws Exception {
        String config = TestGateways.config(admin());
        try (Gateway first = TestGateways.start(config)) {
            assertThat(post(first, "/admin/carriers/china-mobile/suspend", TOKEN).statusCode()).isEqualTo(200);
            assertThat(scrape(first)).contains("cxmyd_carrier_suspended{carrier=\"china-mobile\"} 1.0");
        }
        try (Gateway second = TestGateways.start(config);
                SmppClient mobile = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", second.smppPort(),
                        "cmcc", "cm-pass1"))) {
            assertThat(mobile.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RX_T_APPN);
            assertThat(scrape(second)).contains("cxmyd_carrier_suspended{carrier=\"china-mobile\"} 1.0")
                    .contains("cxmyd_carrier_suspended{carrier=\"china-unicom\"} 0.0");
            assertThat(post(second, "/admin/carriers/china-mobile/resume", TOKEN).statusCode()).isEqualTo(200);
        }
        try (Gateway third = TestGateways.start(config)) {
            assertThat(third.state().suspended("china-mobile")).isFalse();
        }
    }

    private String admin() {
        return "admin:\n  enabled: true\n  token: \"" + TOKEN + "\"\n  stateFile: " + dir.resolve("suspended") + "\n";
    }

    private static HttpResponse<String> post(Gateway g, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.metricsPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(Gateway g) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

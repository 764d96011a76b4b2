package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.testsmsc.TestSmsc;
import io.cxmyd.gateway.web.Phones;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web channel's verification code when the subscriber's carrier is in ESME mode (issue 11: the code SMS
 * goes "over that carrier's link", server mode or ESME mode): the gateway binds out to a Cloudhopper SMSC and
 * the code must reach it as a submit_sm on that bind, not wait for a receiver bind that will never come.
 */
class EsmeWebCodeIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String WEB = "web:\n  host: 127.0.0.1\n  port: 0\n";
    private static final String MSISDN = "13800138000";
    private static TestSmsc smsc;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD);
        gateway = EsmeGateways.start(port, "bind: transceiver\n", WEB);
        EsmeGateways.await("the gateway's transceiver bind", () -> smsc.bound(TestSmsc.Bind.TRANSCEIVER) == 1, WAIT);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.webPort() + path))
                .timeout(WAIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCodeIsASubmitSmOnTheCarriersBindFromItsFirstServiceNumberAndOpensTheCard() throws Exception {
        assertThat(post("/api/v1/codes", "{\"msisdn\":\"" + MSISDN + "\"}").statusCode()).isEqualTo(202);

        TestSmsc.Reply sms = smsc.awaitReplyTo(MSISDN, WAIT.toSeconds());

        assertThat(sms).as("the code SMS at the carrier's SMSC").isNotNull();
        assertThat(sms.text()).startsWith("【中国移动】");
        assertThat(smsc.submits()).filteredOn(s -> s.destination().equals(MSISDN)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.source()).isEqualTo("10086"));
        String code = Phones.codeIn(sms.text());

        HttpResponse<String> card = post("/api/v1/itinerary",
                "{\"msisdn\":\"" + MSISDN + "\",\"code\":\"" + code + "\"}");

        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(card.body()).get("msisdn").asText()).isEqualTo("138****8000");
    }
}

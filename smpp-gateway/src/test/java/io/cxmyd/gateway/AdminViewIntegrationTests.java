package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin view over real HTTP on a real gateway, with real SMPP binds: the bind list, and suspending and
 * resuming a carrier as its SMSC sees it.
 */
class AdminViewIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    static Gateway gateway;
    static final String TOKEN = "admin-token-for-tests-0123";
    static final String ADMIN = "admin:\n  enabled: true\n  token: \"" + TOKEN + "\"\n";

    @BeforeAll
    static void startGatewayWithAdmin() throws Exception {
        gateway = TestGateways.start(TestGateways.config(ADMIN));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static HttpResponse<String> send(Gateway g, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.metricsPort() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static SmppClient bind(String systemId, String password, SmppClient.BindMode mode) throws Exception {
        return SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), systemId, password)
                .withMode(mode));
    }

    static List<JsonNode> bindsOf(String carrier) throws Exception {
        HttpResponse<String> r = send(gateway, "GET", "/admin/binds");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode b : json.readTree(r.body())) {
            if (b.path("carrier").asText().equals(carrier)) {
                found.add(b);
            }
        }
        return found;
    }

    @Test
    void bindsListsEveryBindWithCarrierTypeAddressSinceAndInFlight() throws Exception {
        Instant before = Instant.now();
        try (SmppClient unicom = bind("cucc", "cu-pass1", SmppClient.BindMode.TRANSMITTER_AND_RECEIVER)) {
            // The gateway stamps a bind once it is registered, which may be just after bind_resp reached the
            // client: "after" is when the list was read, not when bind() returned.
            List<JsonNode> binds = bindsOf("china-unicom");
            Instant after = Instant.now();

            assertThat(binds).extracting(b -> b.path("bindType").asText())
                    .containsExactlyInAnyOrder("transmitter", "receiver");
            assertThat(binds).allSatisfy(b -> {
                assertThat(b.path("remoteAddress").asText()).matches("127\\.0\\.0\\.1:\\d+");
                assertThat(Instant.parse(b.path("since").asText())).isBetween(before, after);
                assertThat(b.path("inFlight").asInt(-1)).isZero();
                assertThat(b.fieldNames()).toIterable()
                        .containsExactly("carrier", "bindType", "remoteAddress", "since", "inFlight");
            });
        }
        await("china-unicom's binds gone from the list", () -> {
            try {
                return bindsOf("china-unicom").isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void inFlightCountsTheDeliverSmTheCarrierHasNotAnsweredYet() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SmppClient telecom = bind("ctcc", "ct-pass1", SmppClient.BindMode.TRANSCEIVER)) {
            telecom.answerDeliveries(n -> {
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS); // the carrier holds its answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SmppStatus.ESME_ROK;
            });
            assertThat(telecom.submit("18900000000", "10000", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            try {
                await("a deliver_sm in flight", () -> inFlight("china-telecom") == 1);
            } finally {
                release.countDown();
            }
            assertThat(telecom.awaitReply(WAIT)).isPresent();
            await("nothing in flight once answered", () -> inFlight("china-telecom") == 0);
        }
    }

    private static int inFlight(String carrier) {
        try {
            return bindsOf(carrier).stream().mapToInt(b -> b.path("inFlight").asInt()).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void suspendedCarrierGetsRxTAppnUntilResumedWhileOthersAreServed() throws Exception {
        try (SmppClient mobile = bind("cmcc", "cm-pass1", SmppClient.BindMode.TRANSCEIVER);
             SmppClient unicom = bind("cucc", "cu-pass1", SmppClient.BindMode.TRANSCEIVER)) {
            HttpResponse<String> suspended = send(gateway, "POST", "/admin/carriers/china-mobile/suspend");
            assertThat(suspended.statusCode()).isEqualTo(200);
            assertThat(suspended.body()).isEqualTo("{\"carrier\":\"china-mobile\",\"suspended\":true}");

            assertThat(mobile.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RX_T_APPN);
            assertThat(unicom.submit("18600000000", "10010", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(unicom.awaitReply(WAIT)).isPresent();

            HttpResponse<String> resumed = send(gateway, "POST", "/admin/carriers/china-mobile/resume");
            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(resumed.body()).isEqualTo("{\"carrier\":\"china-mobile\",\"suspended\":false}");

            assertThat(mobile.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(mobile.awaitReply(WAIT)).isPresent();
        } finally {
            gateway.state().resume("china-mobile");
        }
    }

    @Test
    void unknownCarrierIs404AndChangesNothing() throws Exception {
        assertThat(send(gateway, "POST", "/admin/carriers/china-nowhere/suspend").statusCode()).isEqualTo(404);
        assertThat(send(gateway, "POST", "/admin/carriers/china-nowhere/resume").statusCode()).isEqualTo(404);
        assertThat(gateway.state().suspended("china-nowhere")).isFalse();
    }

    @Test
    void otherMethodsAre405WithTheAllowedOne() throws Exception {
        HttpResponse<String> getSuspend = send(gateway, "GET", "/admin/carriers/china-mobile/suspend");
        assertThat(getSuspend.statusCode()).isEqualTo(405);
        assertThat(getSuspend.headers().firstValue("allow")).hasValue("POST");
        assertThat(gateway.state().suspended("china-mobile")).isFalse();

        HttpResponse<String> postBinds = send(gateway, "POST", "/admin/binds");
        assertThat(postBinds.statusCode()).isEqualTo(405);
        assertThat(postBinds.headers().firstValue("allow")).hasValue("GET");

        assertThat(send(gateway, "DELETE", "/admin/carriers/china-mobile/resume").statusCode()).isEqualTo(405);
    }

    @Test
    void otherAdminPathsAre404() throws Exception {
        assertThat(send(gateway, "GET", "/admin").statusCode()).isEqualTo(404);
        assertThat(send(gateway, "GET", "/admin/").statusCode()).isEqualTo(404);
        assertThat(send(gateway, "POST", "/admin/carriers/china-mobile/stop").statusCode()).isEqualTo(404);
        assertThat(send(gateway, "POST", "/admin/carriers/china-mobile/suspend/now").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostFromAWebPageIsRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/admin/carriers/china-mobile/suspend"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(gateway.state().suspended("china-mobile")).isFalse();
    }

    @Test
    void withAdminOffTheAdminPathsDoNotExist() throws Exception {
        try (Gateway off = TestGateways.start(TestGateways.config(""))) {
            assertThat(send(off, "GET", "/admin/binds").statusCode()).isEqualTo(404);
            assertThat(send(off, "POST", "/admin/carriers/china-mobile/suspend").statusCode()).isEqualTo(404);
            assertThat(off.state().suspended("china-mobile")).isFalse();
            assertThat(send(off, "GET", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}

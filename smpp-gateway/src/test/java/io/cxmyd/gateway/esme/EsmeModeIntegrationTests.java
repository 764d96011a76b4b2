package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.gateway.smpp.esme.ReceiptState;
import io.cxmyd.gateway.testsmsc.TestSmsc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ESME mode against an SMSC that is not jsmpp (Cloudhopper): the gateway binds out as a transceiver, takes
 * subscribers' messages as deliver_sm, answers every reply kind as submit_sm, and matches receipts.
 */
class EsmeModeIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "esme-admin-token-for-tests-0123";
    private static final String ADMIN = "admin:\n  enabled: true\n  token: \"" + TOKEN + "\"\n";
    private static TestSmsc smsc;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD);
        smsc.decimalIds(false);
        gateway = EsmeGateways.start(port, "bind: transceiver\n", ADMIN);
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

    private static TestSmsc.Reply ask(String from, String text) throws Exception {
        assertThat(smsc.deliver(from, "10086", text)).as("deliver_sm_resp").isZero();
        TestSmsc.Reply r = smsc.awaitReplyTo(from, WAIT.toSeconds());
        assertThat(r).as("a reply to the subscriber").isNotNull();
        return r;
    }

    @Test
    void foundItineraryIsAnsweredWholeAsSubmitSmFromTheServiceNumber() throws Exception {
        TestSmsc.Reply r = ask("13800138000", "CXMYD");
        assertThat(r.text()).startsWith("【中国移动】").contains("138****8000")
                .contains("北京市、河北省石家庄市、广东省广州市、湖北省仙桃市").contains("日本");
        assertThat(r.parts()).isGreaterThan(1);
        assertThat(smsc.submits()).filteredOn(s -> s.destination().equals("13800138000"))
                .allSatisfy(s -> {
                    assertThat(s.source()).isEqualTo("10086");
                    assertThat(s.dataCoding()).isEqualTo((byte) 8);
                    assertThat(s.registeredDelivery()).isEqualTo((byte) 1);
                });
    }

    @Test
    void newAccountNoDataAndNothingQualifiedGetTheirReplies() throws Exception {
        assertThat(ask("13800138001", "cxmyd").text()).contains("开户时间未满7天");
        assertThat(ask("13912345678", "CXMYD").text()).contains("未查询到");
        String nothing = ask(passThroughsOnly(), "CXMYD").text();
        assertThat(nothing).contains("4小时").doesNotContain("未查询到");
    }

    /** The demo number whose week has only short stays (docs/demo-data.md). */
    private static String passThroughsOnly() {
        return "13800138003";
    }

    @Test
    void fullWidthKeywordInUcs2IsUnderstood() throws Exception {
        assertThat(ask("13800138002", " ＣＸＭＹＤ ").text()).contains("浙江省杭州市");
    }

    @Test
    void aSubscribersTextInPartsIsPutTogetherBeforeTheKeywordIsRead() throws Exception {
        assertThat(smsc.deliverInParts("13912340001", "10086", 0x5A, "CX", "MYD")).containsExactly(0, 0);
        TestSmsc.Reply r = smsc.awaitReplyTo("13912340001", WAIT.toSeconds());
        assertThat(r).isNotNull();
        assertThat(r.text()).contains("139****0001").contains("未查询到");
    }

    @Test
    void aDataSmWithTheTextInMessagePayloadIsAQueryToo() throws Exception {
        assertThat(smsc.deliverAsDataSm("13900000077", "10086", "cxmyd")).isZero();
        TestSmsc.Reply r = smsc.awaitReplyTo("13900000077", WAIT.toSeconds());
        assertThat(r).isNotNull();
        assertThat(r.text()).contains("139****0077").contains("未查询到");
    }

    @Test
    void deliveryReceiptIsNeverAQueryAndIsMatchedInHexOrDecimal() throws Exception {
        ask("17000000001", "CXMYD");
        String hexId = smsc.acceptedIds().get(smsc.acceptedIds().size() - 1);
        long decimal = Long.parseLong(hexId, 16);
        int before = smsc.submits().size();
        double delivered = gateway.metrics().esme().receipts("china-mobile", ReceiptState.DELIVERED);

        // The receipt writes the id in decimal with leading zeros, as some SMSCs do.
        assertThat(smsc.deliverReceipt("17000000001", "000" + decimal, "DELIVRD", false)).isZero();

        EsmeGateways.await("the receipt counted as delivered",
                () -> gateway.metrics().esme().receipts("china-mobile", ReceiptState.DELIVERED) == delivered + 1, WAIT);
        // Its text quotes CXMYD: taken for a query, it would be answered within this quiet spell.
        assertThat(smsc.awaitReplyTo("17000000001", 2)).isNull();
        assertThat(smsc.submits()).hasSize(before);
    }

    @Test
    void whileTheQueryCannotBeTakenTheSmscIsToldToTryAgainLater() throws Exception {
        gateway.state().suspend("china-mobile");
        try {
            assertThat(smsc.deliver("13800138002", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RX_T_APPN.code());
        } finally {
            gateway.state().resume("china-mobile");
        }
        assertThat(ask("13800138002", "CXMYD").text()).contains("浙江省杭州市");
    }

    @Test
    void unknownServiceNumberIsRefusedWithInvalidDestination() throws Exception {
        assertThat(smsc.deliver("13800138000", "10010", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVDSTADR.code());
    }

    @Test
    void theCarrierCannotAlsoBindToTheGateway() {
        try (SmppClient c = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), "cmcc",
                EsmeGateways.CMCC_PASSWORD))) {
            throw new AssertionError("an ESME-mode carrier's bind to the gateway was accepted");
        } catch (SmppClientException e) {
            assertThat(e.getMessage()).contains("ESME_RINVSYSID");
        }
    }

    @Test
    void bindStateShowsInMetricsAdminAndHealth() throws Exception {
        assertThat(gateway.metrics().openBinds("china-mobile", BindType.TRANSCEIVER)).isEqualTo(1);
        HttpClient http = HttpClient.newHttpClient();
        String binds = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.metricsPort()
                + "/admin/binds")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(binds).contains("\"carrier\":\"china-mobile\"").contains("\"bindType\":\"transceiver\"");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.metricsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String scrape = gateway.metrics().scrape();
        assertThat(scrape).contains("cxmyd_binds{carrier=\"china-mobile\",type=\"transceiver\"} 1.0")
                .contains("cxmyd_esme_bind_attempts_total{carrier=\"china-mobile\",result=\"bound\"}");
    }
}

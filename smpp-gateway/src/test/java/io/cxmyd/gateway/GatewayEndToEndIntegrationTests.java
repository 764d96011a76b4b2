package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.itinerary.Msisdn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path over loopback: a real gateway on the demo dataset with its pinned clock, a real SMPP client
 * bound as each carrier, every outcome of itinerary-rules.md and the error statuses of the contract.
 */
class GatewayEndToEndIntegrationTests {

    static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();
    static final Duration WAIT = Duration.ofSeconds(10);

    static Gateway gateway;

    static String config(String extra) {
        return """
                smpp:
                  host: 127.0.0.1
                  port: 0
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "cm-pass1"
                  - id: china-unicom
                    serviceNumbers: ["10010"]
                    systemId: cucc
                    password: "cu-pass1"
                    concatenation: sar
                  - id: china-telecom
                    serviceNumbers: ["10000", "10001"]
                    systemId: ctcc
                    password: "ct-pass1"
                    concatenation: payload
                itinerary:
                  source: local
                  local:
                    dir: %s
                metrics:
                  host: 127.0.0.1
                  port: 0
                clock: "2026-11-21T09:30:00+08:00"
                """.formatted(DEMO) + extra;
    }

    static Gateway start(String yaml) throws Exception {
        return TestGateways.start(yaml);
    }

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = start(config("limits:\n  perSubscriber: 3/10m\n"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static SmppClient bind(String systemId, String password) throws SmppClientException {
        return SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), systemId, password));
    }

    static ReceivedReply ask(String systemId, String password, String from, String to, String text) throws Exception {
        try (SmppClient c = bind(systemId, password)) {
            assertThat(c.submit(from, to, text)).isEqualTo(SmppStatus.ESME_ROK);
            return replyTo(c, from);
        }
    }

    /**
     * The next reply addressed to {@code subscriber}. Replies are at-least-once: on a loaded machine a
     * deliver_sm_resp can miss the response timer, the reply is sent again and may reach the next test's
     * bind of the same carrier, so a test only takes the replies meant for its own sender.
     */
    static ReceivedReply replyTo(SmppClient c, String subscriber) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedReply> r = c.awaitReply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.isPresent() && r.get().destination().address().equals(subscriber)) {
                return r.get();
            }
        }
        throw new AssertionError("no reply to " + Msisdn.mask(subscriber) + " within " + WAIT);
    }

    /** Whether a reply addressed to {@code subscriber} arrives within {@code quiet}. */
    static boolean anyReplyTo(SmppClient c, String subscriber, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedReply> r = c.awaitReply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.isPresent() && r.get().destination().address().equals(subscriber)) {
                return true;
            }
        }
        return false;
    }

    static ReceivedReply askMobile(String from) throws Exception {
        return ask("cmcc", "cm-pass1", from, "10086", "CXMYD");
    }

    @Test
    void multiCityWeekIsAnsweredWithCitiesInOrderAndTheCountry() throws Exception {
        ReceivedReply r = askMobile("13800138000");
        assertThat(r.source().address()).isEqualTo("10086");
        assertThat(r.destination().address()).isEqualTo("13800138000");
        assertThat(r.text()).startsWith("【中国移动】")
                .contains("138****8000")
                .contains("北京市、河北省石家庄市、广东省广州市、湖北省仙桃市")
                .contains("日本")
                .contains("11月21日08:00")
                .doesNotContain("13800138000");
        assertThat(r.parts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void internationalFormOfTheSenderIsMirroredInTheReply() throws Exception {
        ReceivedReply r = askMobile("+8613800138000");
        assertThat(r.destination().address()).isEqualTo("+8613800138000");
        assertThat(r.text()).contains("北京市");
    }

    @Test
    void newAccountIsRefused() throws Exception {
        assertThat(askMobile("13800138001").text()).contains("开户时间未满7天");
    }

    @Test
    void portedNumberCarriesTheLagNote() throws Exception {
        String text = askMobile("13800138002").text();
        assertThat(text).contains("浙江省杭州市").contains("携号转网");
    }

    @Test
    void passThroughsOnlyIsDistinctFromNoData() throws Exception {
        String nothing = askMobile("13800138003").text();
        String noData = askMobile("13800138004").text();
        assertThat(nothing).isNotEqualTo(noData).contains("4小时");
        assertThat(noData).contains("未查询到");
    }

    @Test
    void unknownNumberGetsTheNoDataReply() throws Exception {
        assertThat(askMobile("13912345678").text()).contains("未查询到");
    }

    @Test
    void borderBounceIsAbsorbed() throws Exception {
        String text = askMobile("13800138005").text();
        assertThat(text).contains("河北省廊坊市").doesNotContain("北京市");
    }

    @Test
    void virtualOperatorCarriesItsNote() throws Exception {
        assertThat(askMobile("17000000001").text()).contains("四川省成都市").contains("虚拟运营商");
    }

    @Test
    void unicomRepliesWithSarPartsAndTelecomWithPayload() throws Exception {
        ReceivedReply unicom = ask("cucc", "cu-pass1", "18600000000", "10010", "cxmyd");
        assertThat(unicom.text()).startsWith("【中国联通】").contains("广东省深圳市、广东省东莞市");
        ReceivedReply telecom = ask("ctcc", "ct-pass1", "18900000000", "10001", "ＣＸＭＹＤ");
        assertThat(telecom.source().address()).isEqualTo("10001");
        assertThat(telecom.text()).startsWith("【中国电信】").contains("上海市").contains("中国香港");
        assertThat(telecom.parts()).isEqualTo(1);
    }

    @Test
    void textAfterTheKeywordNeverChangesWhoseItineraryIsSent() throws Exception {
        ReceivedReply r = ask("cmcc", "cm-pass1", "17000000001", "10086", " cxmyd 13800138000");
        assertThat(r.text()).contains("170****0001").contains("四川省成都市").doesNotContain("北京市");
    }

    @Test
    void unknownKeywordGetsTheUsageReply() throws Exception {
        ReceivedReply r = ask("cmcc", "cm-pass1", "13500000077", "10086", "hello");
        assertThat(r.text()).contains("CXMYD").contains("10086");
    }

    @Test
    void wrongDestinationIsRefusedWithInvalidDestinationAddress() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            assertThat(c.submit("13800138000", "10010", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVDSTADR);
        }
    }

    @Test
    void alphanumericAndServiceNumberSendersAreRefused() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            assertThat(c.submit("PROMO", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVSRCADR);
            assertThat(c.submit("10086", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVSRCADR);
        }
    }

    @Test
    void unsupportedDataCodingIsRefused() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            SmppClient.Submission s = new SmppClient.Submission(SmppAddress.of("13800138000"), SmppAddress.of("10086"),
                    (byte) 0, (byte) 0x04, "CXMYD".getBytes(StandardCharsets.US_ASCII), null);
            assertThat(c.submit(s)).isEqualTo(SmppStatus.ESME_RINVDCS);
        }
    }

    @Test
    void queryAskingForAReceiptGetsOneBesidesTheReply() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            assertThat(c.submitWithReceipt(SmppClient.Submission.text("13800138002", "10086", "CXMYD")))
                    .isEqualTo(SmppStatus.ESME_ROK);
            assertThat(replyTo(c, "13800138002").text()).contains("浙江省杭州市");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (c.receipts().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(c.receipts()).hasSize(1);
            var receipt = c.receipts().get(0);
            assertThat(receipt.esmClass()).isEqualTo((byte) 0x04);
            assertThat(receipt.source().address()).isEqualTo("10086");
            assertThat(receipt.destination().address()).isEqualTo("13800138002");
            assertThat(new String(receipt.payload(), StandardCharsets.US_ASCII))
                    .matches("id:[0-9a-f]{16} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:");
        }
    }

    @Test
    void noReceiptUnlessOneIsAskedFor() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            assertThat(c.submit("13800138003", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            replyTo(c, "13800138003");
            assertThat(anyReplyTo(c, "13800138003", Duration.ofMillis(300))).isFalse();
            assertThat(c.receipts()).isEmpty();
        }
    }

    @Test
    void deliveryReceiptIsAcknowledgedButNeverTakenForAQuery() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            SmppClient.Submission receipt = new SmppClient.Submission(SmppAddress.of("13800138000"),
                    SmppAddress.of("10086"), (byte) 0x04, (byte) 0,
                    "id:1 sub:001 dlvrd:001 stat:DELIVRD text:CXMYD".getBytes(StandardCharsets.US_ASCII), null);
            assertThat(c.submit(receipt)).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(anyReplyTo(c, "13800138000", Duration.ofMillis(700))).isFalse();
        }
    }

    @Test
    void gbkTextIsUnderstood() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            SmppClient.Submission s = new SmppClient.Submission(SmppAddress.of("13800138002"), SmppAddress.of("10086"),
                    (byte) 0, (byte) 0x0F, "ＣＸＭＹＤ 查询".getBytes("GBK"), null);
            assertThat(c.submit(s)).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(replyTo(c, "13800138002").text()).contains("浙江省杭州市");
        }
    }

    @Test
    void wrongPasswordAndUnknownSystemIdAreRefusedAtBind() {
        assertThatThrownBy(() -> bind("cmcc", "wrong"))
                .isInstanceOfSatisfying(SmppClientException.class, e -> assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVPASWD));
        assertThatThrownBy(() -> bind("nobody", "x"))
                .isInstanceOfSatisfying(SmppClientException.class, e -> assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVSYSID));
    }

    @Test
    void fourthQueryInTheWindowGetsTooFrequentThenSilence() throws Exception {
        try (SmppClient c = bind("cmcc", "cm-pass1")) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.submit("13600000099", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
                replyTo(c, "13600000099");
            }
            assertThat(c.submit("13600000099", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(replyTo(c, "13600000099").text()).contains("频繁");
            assertThat(c.submit("13600000099", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(anyReplyTo(c, "13600000099", Duration.ofMillis(700))).isFalse();
        }
    }

    @Test
    void metricsCountQueriesAndHealthIsUp() throws Exception {
        askMobile("18800000001");
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.metricsPort();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        // The delivered counter moves when deliver_sm_resp is processed, a moment after the client has the reply.
        String metrics = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !metrics.matches("(?s).*cxmyd_replies_total\\{carrier=\"china-mobile\",result=\"delivered\"} [1-9].*")) {
            metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(metrics).contains("cxmyd_queries_total{carrier=\"china-mobile\",outcome=\"no_data\"}")
                .contains("cxmyd_binds{")
                .doesNotContain("18800000001");
        assertThat(metrics).containsPattern("cxmyd_replies_total\\{carrier=\"china-mobile\",result=\"delivered\"} [1-9]");
    }
}

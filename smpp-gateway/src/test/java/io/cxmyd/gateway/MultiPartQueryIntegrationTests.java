package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.Submission;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscriber's keyword split in two UDH parts, over a real bind: each part is acknowledged and the gateway
 * answers the whole text once, as it answers the keyword sent in one piece.
 */
class MultiPartQueryIntegrationTests {

    private static final String SUBSCRIBER = "13800138000"; // the showcase itinerary of docs/demo-data.md
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config(""));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Submission part(int ref, int seq, String text) {
        byte[] udh = HexFormat.of().parseHex("050003%02x02%02x".formatted(ref, seq));
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] sm = new byte[udh.length + body.length];
        System.arraycopy(udh, 0, sm, 0, udh.length);
        System.arraycopy(body, 0, sm, udh.length, body.length);
        return new Submission(SmppAddress.of(SUBSCRIBER), SmppAddress.of("10086"), (byte) 0x40, (byte) 0, sm, null);
    }

    @Test
    void aKeywordInTwoPartsIsAnsweredLikeTheKeywordInOne() throws Exception {
        try (SmppClient c = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), "cmcc",
                "cm-pass1"))) {
            assertThat(c.submit(part(0x5a, 2, "MYD"))).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(c.submit(part(0x5a, 1, "CX"))).isEqualTo(SmppStatus.ESME_ROK);
            String whole = GatewayEndToEndIntegrationTests.replyTo(c, SUBSCRIBER).text();

            assertThat(c.submit(SUBSCRIBER, "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            String single = GatewayEndToEndIntegrationTests.replyTo(c, SUBSCRIBER).text();

            assertThat(whole).isEqualTo(single);
            assertThat(whole).as("the itinerary, not the usage reply \"CX\" alone would get").contains("北京市");
        }
    }
}

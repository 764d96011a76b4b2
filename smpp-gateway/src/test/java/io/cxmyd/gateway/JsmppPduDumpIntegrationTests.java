package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why config/logback.xml keeps {@code org.jsmpp} at WARN: at DEBUG, jsmpp dumps every PDU it sends and receives
 * in hex, and the hex of a submit_sm or deliver_sm holds the subscriber's number (as ASCII) and the reply text
 * (as UCS2). A library's log lines cannot be masked by us; the only safe level is one at which it writes no
 * PDU. If jsmpp ever stops dumping PDUs, this test fails and the level may be revisited.
 */
class JsmppPduDumpIntegrationTests {

    @Test
    void jsmppAtDebugWritesTheSubscribersNumberInItsPduDumps() throws Exception {
        List<String> output;
        try (LogCapture logs = LogCapture.start(LogPrivacyIntegrationTests.SHIPPED_LOGBACK,
                Map.of("org.jsmpp", Level.DEBUG));
             Gateway gateway = TestGateways.start(TestGateways.config(""));
             SmppClient c = SmppClient.bind(SmppClient.Options.transceiver(
                     "127.0.0.1", gateway.smppPort(), "cmcc", "cm-pass1"))) {
            assertThat(c.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(c.awaitReply(Duration.ofSeconds(10))).isPresent();
            output = logs.output();
        }
        String numberInHex = LogPrivacyIntegrationTests.hex("13800138000", StandardCharsets.US_ASCII);
        String cityInUcs2Hex = LogPrivacyIntegrationTests.hex("北京市", StandardCharsets.UTF_16BE);

        assertThat(output).as("the number's ASCII hex in a PDU dump")
                .anyMatch(line -> line.toLowerCase(Locale.ROOT).contains(numberInHex));
        assertThat(output).as("the reply's UCS2 hex in a PDU dump")
                .anyMatch(line -> line.toLowerCase(Locale.ROOT).contains(cityInUcs2Hex));
    }
}

package io.cxmyd.gateway;

import static io.cxmyd.gateway.GatewayEndToEndIntegrationTests.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binds of several kinds, replies waiting for a receiver, and the orderly stop, each on a gateway of its own. */
class GatewayLifecycleIntegrationTests {

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private SmppClient.Options options(BindMode mode) {
        return SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), "cmcc", "cm-pass1").withMode(mode);
    }

    @Test
    void transmitterPlusReceiverBindGetsTheReplyOnItsReceiver() throws Exception {
        gateway = GatewayEndToEndIntegrationTests.start(GatewayEndToEndIntegrationTests.config(""));
        try (SmppClient c = SmppClient.bind(options(BindMode.TRANSMITTER_AND_RECEIVER))) {
            assertThat(c.submit("13800138002", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(c.awaitReply(WAIT).orElseThrow().text()).contains("浙江省杭州市");
        }
    }

    @Test
    void replyWaitsUntilTheCarrierBindsAReceiver() throws Exception {
        gateway = GatewayEndToEndIntegrationTests.start(GatewayEndToEndIntegrationTests.config(""));
        try (SmppClient tx = SmppClient.bind(options(BindMode.TRANSMITTER))) {
            assertThat(tx.submit("13800138002", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(tx.awaitReply(Duration.ofMillis(500))).isEmpty();
            try (SmppClient rx = SmppClient.bind(options(BindMode.RECEIVER))) {
                Optional<ReceivedReply> reply = rx.awaitReply(WAIT);
                assertThat(reply).isPresent();
                assertThat(reply.get().destination().address()).isEqualTo("13800138002");
            }
        }
    }

    @Test
    void drainingRefusesNewQueriesWithTemporaryAppErrorAndStopUnbinds() throws Exception {
        gateway = GatewayEndToEndIntegrationTests.start(GatewayEndToEndIntegrationTests.config(""));
        try (SmppClient c = SmppClient.bind(options(BindMode.TRANSCEIVER))) {
            assertThat(c.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(c.awaitReply(WAIT)).isPresent();
            gateway.state().startDraining();
            assertThat(c.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RX_T_APPN);
            gateway.drainAndClose();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (c.isBound() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(c.isBound()).as("the gateway unbinds the carrier on stop").isFalse();
        }
        gateway = null;
    }
}

package io.cxmyd.gateway.faults;

import static io.cxmyd.gateway.faults.FaultGateway.CARRIER;
import static io.cxmyd.gateway.faults.FaultGateway.HANGZHOU;
import static io.cxmyd.gateway.faults.FaultGateway.PASSWORD;
import static io.cxmyd.gateway.faults.FaultGateway.SERVICE_NUMBER;
import static io.cxmyd.gateway.faults.FaultGateway.SYSTEM_ID;
import static io.cxmyd.gateway.faults.FaultGateway.await;
import static io.cxmyd.gateway.faults.FaultGateway.metric;
import static io.cxmyd.gateway.faults.FaultGateway.replies;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Carriers that stop answering or push back, against a real gateway over SMPP: a receiver bind that hangs
 * (found dead by enquire_link when idle, by its unanswered deliver_sm under traffic, even when its link layer
 * keeps sending enquire_link; its replies go to another bind or wait for the next one) and a carrier that
 * answers deliver_sm with ESME_RTHROTTLED or ESME_RMSGQFUL (backed off from, within the validity). Nothing the
 * gateway accepted is lost: every reply arrives, none expires.
 */
class CarrierFaultsIntegrationTests {

    /** Longer than any path here needs (validity 6 to 60 s), short enough to fail fast when a reply is lost. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Gateway gateway;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(String smpp, String delivery) throws Exception {
        gateway = FaultGateway.start(FaultGateway.yaml(FaultGateway.LOCAL, delivery).replace("""
                smpp:
                  host: 127.0.0.1
                  port: 0
                """, "smpp:\n  host: 127.0.0.1\n  port: 0\n" + smpp));
        return gateway;
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private static void assertHangzhou(ReceivedReply r) {
        assertThat(r.destination().address()).isEqualTo(HANGZHOU);
        assertThat(r.text()).startsWith("【中国移动】").contains("138****8002").contains("浙江省杭州市");
    }

    /** enquire_link after 1 s without a PDU from the peer, its response (and deliver_sm_resp) within 500 ms. */
    private static final String FAST_LINK_CHECKS = """
              enquireLinkInterval: 1s
              responseTimeout: 500ms
            """;

    @Test
    void anIdleReceiverThatAnswersNothingIsDroppedByEnquireLink() throws Exception {
        start(FAST_LINK_CHECKS, "");
        SilentReceiver hung = closing(SilentReceiver.bind(gateway.smppPort(), SYSTEM_ID, PASSWORD));
        await("the hung receiver bound", () -> receivers() == 1, WAIT);

        await("the hung bind closed by the gateway", hung::closedByGateway, WAIT);
        assertThat(hung.count(SilentReceiver.ENQUIRE_LINK)).as("enquire_link sent to the hung bind").isPositive();
        assertThat(hung.count(SilentReceiver.DELIVER_SM)).as("no traffic: enquire_link alone found it").isZero();
        await("no receiver left", () -> receivers() == 0, WAIT);
    }

    @Test
    void aHungReceiverIsDroppedAndItsRepliesArriveOnTheHealthyBind() throws Exception {
        start(FAST_LINK_CHECKS, """
                delivery:
                  validity: 60s
                  retryInitial: 200ms
                  retryMax: 1s
                """);
        SilentReceiver hung = closing(SilentReceiver.bind(gateway.smppPort(), SYSTEM_ID, PASSWORD));
        // The healthy carrier binds again when dropped, as a real SMSC does: under the 500 ms response timeout a
        // loaded machine may answer one enquire_link (or three deliver_sm) late, and the gateway then drops the
        // healthy bind too; without a next bind the replies would wait forever and the test would time out.
        RebindingReceiver healthy = closing(RebindingReceiver.bind(gateway));
        SmppClient transmitter = closing(FaultGateway.bind(gateway, BindMode.TRANSMITTER));
        await("both receivers bound", () -> receivers() == 2, WAIT);

        int queries = 8;
        for (int i = 0; i < queries; i++) {
            assertThat(transmitter.submit(HANGZHOU, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        }
        for (int i = 0; i < queries; i++) {
            Optional<ReceivedReply> reply = healthy.awaitReply(WAIT);
            int n = i + 1;
            assertThat(reply).as(() -> String.format("reply %d of %d (receiver binds now: %.0f, healthy rebinds: %d,"
                    + " replies delivered: %.0f, retried: %.0f)", n, queries, receivers(), healthy.rebinds(),
                    replies(gateway, "delivered"), replies(gateway, "retried"))).isPresent();
            assertHangzhou(reply.get());
        }

        await("the hung bind closed by the gateway", hung::closedByGateway, WAIT);
        assertThat(hung.count(SilentReceiver.DELIVER_SM)).as("deliver_sm sent to the hung bind").isPositive();
        await("only the healthy receiver left", () -> receivers() == 1, WAIT);
        awaitDelivered(queries);
        assertThat(replies(gateway, "retried")).isPositive();
        assertThat(replies(gateway, "expired")).isZero();
        assertThat(replies(gateway, "rejected")).isZero();
    }

    @Test
    void repliesForACarrierWhoseOnlyReceiverHungWaitForItsNextReceiverBind() throws Exception {
        start(FAST_LINK_CHECKS, """
                delivery:
                  validity: 60s
                  retryInitial: 200ms
                  retryMax: 1s
                """);
        SilentReceiver hung = closing(SilentReceiver.bind(gateway.smppPort(), SYSTEM_ID, PASSWORD));
        SmppClient transmitter = closing(FaultGateway.bind(gateway, BindMode.TRANSMITTER));
        await("the hung receiver bound", () -> receivers() == 1, WAIT);

        int queries = 3;
        for (int i = 0; i < queries; i++) {
            assertThat(transmitter.submit(HANGZHOU, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        }
        await("the hung bind closed by the gateway", hung::closedByGateway, WAIT);
        assertThat(hung.count(SilentReceiver.DELIVER_SM)).as("deliver_sm sent to the hung bind").isPositive();
        await("no receiver left", () -> receivers() == 0, WAIT);
        assertThat(replies(gateway, "delivered")).isZero();

        SmppClient receiver = closing(FaultGateway.bind(gateway, BindMode.RECEIVER));
        for (int i = 0; i < queries; i++) {
            Optional<ReceivedReply> reply = receiver.awaitReply(WAIT);
            assertThat(reply).as("reply %d of %d", i + 1, queries).isPresent();
            assertHangzhou(reply.get());
        }
        awaitDelivered(queries);
        assertThat(replies(gateway, "expired")).isZero();
    }

    @Test
    void aReceiverThatKeepsTheLinkAliveButNeverAnswersDeliverSmIsDroppedAndItsRepliesWaitForTheNextBind()
            throws Exception {
        // Its own enquire_link every 300 ms keeps the link from ever looking idle: the gateway's enquire_link
        // never fires, and would be answered anyway. Only the unanswered deliver_sm show it is dead.
        start(FAST_LINK_CHECKS, """
                delivery:
                  validity: 60s
                  retryInitial: 200ms
                  retryMax: 1s
                """);
        SilentReceiver stuck = closing(SilentReceiver.bindKeepingTheLinkAlive(gateway.smppPort(), SYSTEM_ID, PASSWORD));
        SmppClient transmitter = closing(FaultGateway.bind(gateway, BindMode.TRANSMITTER));
        await("the stuck receiver bound", () -> receivers() == 1, WAIT);

        int queries = 3;
        for (int i = 0; i < queries; i++) {
            assertThat(transmitter.submit(HANGZHOU, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        }
        await("the stuck bind closed by the gateway", stuck::closedByGateway, WAIT);
        assertThat(stuck.count(SilentReceiver.DELIVER_SM)).as("deliver_sm sent to the stuck bind").isPositive();
        await("no receiver left", () -> receivers() == 0, WAIT);

        SmppClient receiver = closing(FaultGateway.bind(gateway, BindMode.RECEIVER));
        for (int i = 0; i < queries; i++) {
            Optional<ReceivedReply> reply = receiver.awaitReply(WAIT);
            assertThat(reply).as("reply %d of %d", i + 1, queries).isPresent();
            assertHangzhou(reply.get());
        }
        awaitDelivered(queries);
        assertThat(replies(gateway, "expired")).isZero();
    }

    @Test
    void aThrottlingCarrierIsBackedOffFromWithTheCappedBackoffAndGetsTheReply() throws Exception {
        // Six refusals: capped, the retries wait 0.2+0.4*5 = 2.2 s; doubling without the cap they would
        // need 0.2+0.4+0.8+1.6+3.2 s before the sixth, past the 6 s validity: the reply would expire.
        assertBackedOffUntilAccepted(SmppStatus.ESME_RTHROTTLED, 6);
    }

    @Test
    void aCarrierWithAFullQueueIsBackedOffFromAndGetsTheReply() throws Exception {
        assertBackedOffUntilAccepted(SmppStatus.ESME_RMSGQFUL, 3);
    }

    @Test
    void aThrottlingCarrierGetsNothingAtAllDuringTheBackoffNotOnlyNotTheRefusedReply() throws Exception {
        // One sender (window 1) and three replies queued: backing off only the refused reply would send the
        // next queued one at once. The carrier asked us to slow down: every deliver_sm waits out the backoff.
        gateway = FaultGateway.start(FaultGateway.yaml(FaultGateway.LOCAL, """
                delivery:
                  validity: 30s
                  retryInitial: 200ms
                  retryMax: 400ms
                """).replace("password: \"cm-pass1\"\n", "password: \"cm-pass1\"\n    window: 1\n"));
        SmppClient carrier = closing(FaultGateway.bind(gateway, BindMode.TRANSCEIVER));
        int refusals = 6;
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        carrier.answerDeliveries(i -> {
            arrivals.add(System.nanoTime());
            return i < refusals ? SmppStatus.ESME_RTHROTTLED : SmppStatus.ESME_ROK;
        });

        int queries = 3;
        for (int i = 0; i < queries; i++) {
            assertThat(carrier.submit(HANGZHOU, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        }
        for (int i = 0; i < queries; i++) {
            Optional<ReceivedReply> reply = carrier.awaitReply(WAIT);
            assertThat(reply).as("reply %d of %d", i + 1, queries).isPresent();
            assertHangzhou(reply.get());
        }
        awaitDelivered(queries);
        assertThat(replies(gateway, "retried")).isEqualTo(refusals);
        assertThat(replies(gateway, "expired")).isZero();
        for (int n = 1; n <= refusals; n++) {
            assertThat(Duration.ofNanos(arrivals.get(n) - arrivals.get(n - 1)))
                    .as("pause between deliver_sm %d and %d", n, n + 1).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    private void assertBackedOffUntilAccepted(SmppStatus refusal, int refusals) throws Exception {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofMillis(400);
        start("", """
                delivery:
                  validity: 6s
                  retryInitial: 200ms
                  retryMax: 400ms
                """);
        SmppClient carrier = closing(FaultGateway.bind(gateway, BindMode.TRANSCEIVER));
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        carrier.answerDeliveries(i -> {
            arrivals.add(System.nanoTime());
            return i < refusals ? refusal : SmppStatus.ESME_ROK;
        });

        assertThat(carrier.submit(HANGZHOU, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        Optional<ReceivedReply> reply = carrier.awaitReply(WAIT);

        assertThat(reply).as("the reply, once the carrier accepts").isPresent();
        assertHangzhou(reply.get());
        assertThat(replies(gateway, "retried")).isEqualTo(refusals);
        awaitDelivered(1);
        assertThat(replies(gateway, "expired")).isZero();
        assertThat(replies(gateway, "rejected")).isZero();
        // Backed off: each new attempt came at least the backoff after the refusal before it (a lower bound,
        // which a slow machine only makes longer).
        for (int attempt = 1; attempt <= refusals; attempt++) {
            long gap = arrivals.get(attempt) - arrivals.get(attempt - 1);
            Duration backoff = initial.multipliedBy(1L << (attempt - 1));
            Duration expected = backoff.compareTo(max) > 0 ? max : backoff;
            assertThat(Duration.ofNanos(gap)).as("wait before retry %d", attempt).isGreaterThanOrEqualTo(expected);
        }
    }

    /** The client has the last part before the gateway has its deliver_sm_resp: the count follows shortly. */
    private void awaitDelivered(int n) throws Exception {
        await(n + " replies counted delivered", () -> replies(gateway, "delivered") == n, WAIT);
    }

    private double receivers() {
        return metric(gateway, "cxmyd_binds", "carrier", CARRIER, "type", "receiver");
    }
}

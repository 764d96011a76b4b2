package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;

import io.cxmyd.gateway.message.OutboundPart;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.wire.GatheredWrites;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.PduAsyncResponse;

/**
 * Issue 12 #3: a deliver_sm (the reply, or the delivery receipt) must never reach the wire before the
 * submit_sm_resp of the query it answers. Checked with Cloudhopper, an SMPP stack other than the gateway's
 * own, which reports PDUs in the order its single I/O thread reads them. The intake answers as the query path
 * does: the acceptance completes on another thread once a journal-like pause has passed, and the reply is queued
 * by the work that starts once the message is taken ({@link Answer#afterTaken()}). Nothing else holds a
 * deliver_sm back, so a dispatcher that started that work, or the receipt, before writing the response would
 * put them on the wire first.
 */
class WireOrderIntegrationTests {

    private static final int QUERIES = 20;

    private ServerFixture fixture;
    private DefaultSmppClient client;
    private final ExecutorService replies = Executors.newCachedThreadPool();
    private final ScheduledExecutorService journal = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        replies.shutdownNow();
        journal.shutdownNow();
        if (client != null) {
            client.destroy();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void noDeliverSmPrecedesTheSubmitSmRespOfItsQuery() throws Exception {
        fixture = new ServerFixture();
        fixture.answerLater = m -> {
            CompletableFuture<Acceptance> accepted = new CompletableFuture<>();
            // Like a journal commit: decided later, on a thread that is neither the PDU thread nor the reply's.
            journal.schedule(() -> accepted.complete(Acceptance.ACCEPTED), 20, TimeUnit.MILLISECONDS);
            return Answer.later(accepted, () -> replies.execute(() -> fixture.server.links().deliver(
                    new OutboundPart(m.carrierId(), m.destination(), m.source(), (byte) 0, (byte) 0,
                            "reply".getBytes(StandardCharsets.US_ASCII), null, null))));
        };
        List<String> wire = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(QUERIES * 3);
        Map<Integer, String> numberOfSequence = new ConcurrentHashMap<>();
        client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
        SmppSession session = client.bind(configuration(), new DefaultSmppSessionHandler() {
            @Override
            public PduResponse firePduRequestReceived(PduRequest request) {
                if (request instanceof DeliverSm deliver) {
                    wire.add("deliver " + deliver.getDestAddress().getAddress()
                            + (deliver.getEsmClass() == 0x04 ? " receipt" : " reply"));
                    all.countDown();
                }
                return request.createResponse();
            }

            @Override
            public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
                wire.add("resp " + numberOfSequence.get(response.getRequest().getSequenceNumber()));
                all.countDown();
            }
        });
        for (int i = 0; i < QUERIES; i++) {
            String number = "1380013" + String.format("%04d", i);
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 1, (byte) 1, number));
            submit.setDestAddress(new Address((byte) 0, (byte) 1, "10086"));
            submit.setRegisteredDelivery((byte) 1);
            submit.setShortMessage("CXMYD".getBytes(StandardCharsets.US_ASCII));
            submit.setSequenceNumber(100 + i);
            numberOfSequence.put(100 + i, number);
            session.sendRequestPdu(submit, 10_000, false);
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).as("every response, reply and receipt arrived").isTrue();
        session.unbind(5000);

        List<String> seen = List.copyOf(wire);
        List<String> early = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            String number = "1380013" + String.format("%04d", i);
            int resp = seen.indexOf("resp " + number);
            assertThat(resp).as("submit_sm_resp for " + number).isNotNegative();
            for (String kind : List.of(" reply", " receipt")) {
                int deliver = seen.indexOf("deliver " + number + kind);
                assertThat(deliver).as(kind + " for " + number).isNotNegative();
                if (deliver < resp) {
                    early.add(number + kind);
                }
            }
        }
        assertThat(early).as("deliver_sm ahead of their submit_sm_resp, of " + QUERIES + " replies and "
                + QUERIES + " receipts").isEmpty();
    }

    /**
     * A carrier bound as a transmitter plus a receiver: the submit_sm_resp leaves on one connection, the receipt
     * and the reply on the other, so the order of one buffer does not hold them back. The acceptance completes
     * inside a batch that gathers its writes, as the journal's completer does, and the batch stays open a
     * second after it: a deliver_sm started from the completion itself would reach the receiver bind while the
     * response is still held. The check is made on the transmitter's socket the moment the first deliver_sm
     * is read, with the batch still open: its response must be in the kernel by then.
     */
    @Test
    void overATransmitterAndReceiverPairNoDeliverSmPrecedesTheResponseStillHeldByTheBatch() throws Exception {
        CountDownLatch firstDeliverRead = new CountDownLatch(1);
        fixture = new ServerFixture();
        fixture.answerLater = m -> {
            CompletableFuture<Acceptance> accepted = new CompletableFuture<>();
            journal.schedule(() -> GatheredWrites.during(() -> {
                accepted.complete(Acceptance.ACCEPTED);
                awaitQuietly(firstDeliverRead, 1, TimeUnit.SECONDS);
            }), 20, TimeUnit.MILLISECONDS);
            return Answer.later(accepted, () -> replies.execute(() -> fixture.server.links().deliver(
                    new OutboundPart(m.carrierId(), m.destination(), m.source(), (byte) 0, (byte) 0,
                            "reply".getBytes(StandardCharsets.US_ASCII), null, null))));
        };
        try (RawSmppSocket receiver = fixture.rawBound(Pdus.BIND_RECEIVER);
                RawSmppSocket transmitter = fixture.rawBound(Pdus.BIND_TRANSMITTER)) {
            transmitter.write(Pdus.submitSmAskingReceipt(7, "13800138000", "10086",
                    "CXMYD".getBytes(StandardCharsets.US_ASCII)));

            RawSmppSocket.Pdu first = receiver.readAnsweringEnquireLinks(ServerFixture.WAIT);
            // While the batch is still open (the latch not yet counted down) a response written before this
            // deliver_sm can only be in the transmitter's receive queue; one still held never gets there. The
            // wait only covers a loopback segment still on its way through the kernel.
            boolean responseFirst = octetsArriveWithin(transmitter, Duration.ofMillis(500));
            firstDeliverRead.countDown();
            receiver.write(Pdus.pdu(Pdus.DELIVER_SM | Pdus.RESP, 0, first.sequence(), new byte[] {0}));
            RawSmppSocket.Pdu second = receiver.readAnsweringEnquireLinks(ServerFixture.WAIT);
            receiver.write(Pdus.pdu(Pdus.DELIVER_SM | Pdus.RESP, 0, second.sequence(), new byte[] {0}));
            RawSmppSocket.Pdu response = transmitter.readAnsweringEnquireLinks(ServerFixture.WAIT);

            assertThat(List.of(first.commandId(), second.commandId())).containsOnly(Pdus.DELIVER_SM);
            assertThat(List.of(esmClass(first), esmClass(second))).as("esm_class of the two deliver_sm")
                    .containsExactlyInAnyOrder(0x04, 0x00);
            assertThat(response.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(response.sequence()).isEqualTo(7);
            assertThat(response.status()).isZero();
            assertThat(responseFirst).as("the submit_sm_resp was on the transmitter's socket when the first "
                    + (esmClass(first) == 0x04 ? "receipt" : "reply") + " arrived on the receiver's").isTrue();
        }
    }

    /** esm_class of a deliver_sm: after service_type and the two addresses (TON, NPI, C-octet string each). */
    private static int esmClass(RawSmppSocket.Pdu pdu) {
        byte[] b = pdu.body();
        int i = skipCString(b, 0);
        i = skipCString(b, i + 2);
        i = skipCString(b, i + 2);
        return b[i] & 0xff;
    }

    private static int skipCString(byte[] b, int from) {
        int i = from;
        while (b[i] != 0) {
            i++;
        }
        return i + 1;
    }

    private static boolean octetsArriveWithin(RawSmppSocket socket, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (socket.octetsWaiting() == 0) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch, long amount, TimeUnit unit) {
        try {
            latch.await(amount, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SmppSessionConfiguration configuration() {
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        config.setType(SmppBindType.TRANSCEIVER);
        config.setHost("127.0.0.1");
        config.setPort(fixture.server.port());
        config.setSystemId(MOBILE.systemId());
        config.setPassword(MOBILE.password());
        config.setWindowSize(QUERIES);
        config.setConnectTimeout(5000);
        config.setBindTimeout(5000);
        return config;
    }
}

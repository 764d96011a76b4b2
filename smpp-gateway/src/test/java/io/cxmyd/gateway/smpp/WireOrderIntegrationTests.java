package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;

import io.cxmyd.gateway.message.OutboundPart;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

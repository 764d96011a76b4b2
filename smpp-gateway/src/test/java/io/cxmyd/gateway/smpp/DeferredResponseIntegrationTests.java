package io.cxmyd.gateway.smpp;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * submit_sm and data_sm answered when the intake's acceptance completes (the journal's fsync in the gateway),
 * over a real socket: the response waits for it without holding a PDU thread, carries the status decided
 * then, and comes before anything the accepted query sends back.
 */
class DeferredResponseIntegrationTests {

    private static final String HELD = "13800138001";
    private static final String AT_ONCE = "13800138002";

    private ServerFixture fixture;
    /** The status of the query from {@link #HELD}, decided by each test. */
    private final CompletableFuture<Acceptance> held = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        // One PDU thread per bind: a response that held it would leave every later submit_sm unanswered.
        fixture = new ServerFixture(SmppServerOptions.builder().pduProcessorThreads(1));
        fixture.answerLater = m -> m.source().address().equals(HELD)
                ? Answer.later(held, () -> {
                })
                : Answer.now(Acceptance.ACCEPTED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aResponseDecidedLaterLetsTheNextSubmitSmBeAnsweredFirst() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(2, HELD, "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII)));
            fixture.nextInbound();
            raw.write(Pdus.submitSm(3, AT_ONCE, "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII)));

            RawSmppSocket.Pdu first = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(first.sequence()).isEqualTo(3);
            assertThat(first.status()).isZero();

            held.complete(Acceptance.ACCEPTED);
            RawSmppSocket.Pdu second = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(second.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(second.sequence()).isEqualTo(2);
            assertThat(second.status()).isZero();
            // message_id: 16 hex digits and its NUL
            assertThat(second.body()).hasSize(17);
        }
    }

    @Test
    void aRefusalDecidedLaterCarriesItsStatusAndNoMessageId() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(7, HELD, "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII)));
            fixture.nextInbound();
            held.complete(Acceptance.JOURNAL_SLOW);

            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.sequence()).isEqualTo(7);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RX_T_APPN.code());
            assertThat(resp.body()).isEmpty();
        }
    }

    @Test
    void aDataSmIsAnsweredLaterWithADataSmResp() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            byte[] text = Pdus.tlv(Pdus.MESSAGE_PAYLOAD, 5, "CXMYD".getBytes(StandardCharsets.US_ASCII));
            raw.write(Pdus.dataSm(4, HELD, "10086", text));
            fixture.nextInbound();
            held.complete(Acceptance.ACCEPTED);

            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.DATA_SM | Pdus.RESP);
            assertThat(resp.sequence()).isEqualTo(4);
            assertThat(resp.status()).isZero();
        }
    }

    @Test
    void whatTheAcceptedQuerySendsBackFollowsItsResponseOnTheWire() throws Exception {
        CompletableFuture<DeliveryResult> delivered = new CompletableFuture<>();
        CompletableFuture<Acceptance> durable = new CompletableFuture<>();
        // The reply is sent the moment the query's follow-up runs: it must still come after the response.
        fixture.answerLater = m -> Answer.later(durable, () -> new Thread(() -> delivered.complete(
                fixture.server.links().deliver(new OutboundPart(MOBILE.id(), SmppAddress.of("10086"),
                        SmppAddress.of(HELD), (byte) 0, (byte) 0, new byte[] {'o', 'k'}, null, null)))).start());
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(9, HELD, "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII)));
            fixture.nextInbound();
            durable.complete(Acceptance.ACCEPTED);

            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.sequence()).isEqualTo(9);
            RawSmppSocket.Pdu deliver = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(deliver.commandId()).isEqualTo(Pdus.DELIVER_SM);
            raw.write(Pdus.pdu(Pdus.DELIVER_SM | Pdus.RESP, 0, deliver.sequence(), new byte[] {0}));
            assertThat(delivered.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isEqualTo(DeliveryResult.DELIVERED);
        }
    }
}

package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxmyd.gateway.smpp.client.ReceivedPart;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import io.cxmyd.gateway.smpp.client.SmppClient.Submission;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;

/** The server against jsmpp's client and raw sockets, on loopback. */
class SmppServerIntegrationTests {

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void transceiverBindIsAcceptedAndCanTakeDeliveries() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            assertThat(fixture.nextBindEvent()).isEqualTo("bound china-mobile transceiver");
            assertThat(fixture.server.links().canDeliver("china-mobile")).isTrue();
            assertThat(fixture.server.links().canDeliver("china-unicom")).isFalse();
        }
        assertThat(fixture.nextBindEvent()).isEqualTo("unbound china-mobile transceiver");
        assertThat(fixture.server.links().canDeliver("china-mobile")).isFalse();
    }

    @Test
    void transmitterPlusReceiverBindsAreAccepted() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSMITTER_AND_RECEIVER)) {
            assertThat(List.of(fixture.nextBindEvent(), fixture.nextBindEvent()))
                    .containsExactly("bound china-mobile transmitter", "bound china-mobile receiver");
            assertThat(client.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(fixture.server.links().deliver(part("reply"))).isEqualTo(DeliveryResult.DELIVERED);
            assertThat(client.awaitReply(WAIT)).map(ReceivedReply::text).contains("reply");
        }
    }

    @Test
    void oneCarrierMayHoldSeveralBinds() throws Exception {
        try (SmppClient first = fixture.bindMobile(BindMode.TRANSCEIVER);
                SmppClient second = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            assertThat(List.of(fixture.nextBindEvent(), fixture.nextBindEvent()))
                    .containsOnly("bound china-mobile transceiver");
            assertThat(first.isBound()).isTrue();
            assertThat(second.isBound()).isTrue();
        }
    }

    @Test
    void bindWithWrongPasswordIsRefusedWithRinvpaswd() throws Exception {
        SmppClient.Options wrong = new SmppClient.Options("127.0.0.1", fixture.server.port(), "cmcc", "nope",
                BindMode.TRANSCEIVER, Duration.ofSeconds(5));
        assertThatThrownBy(() -> SmppClient.bind(wrong))
                .isInstanceOfSatisfying(SmppClientException.class,
                        e -> assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVPASWD));
        assertThat(fixture.nextBindEvent()).isEqualTo("refused bad_password");
    }

    @Test
    void bindWithUnknownSystemIdIsRefusedWithRinvsysid() throws Exception {
        SmppClient.Options unknown = new SmppClient.Options("127.0.0.1", fixture.server.port(), "who", "cm-pass1",
                BindMode.TRANSMITTER, Duration.ofSeconds(5));
        assertThatThrownBy(() -> SmppClient.bind(unknown))
                .isInstanceOfSatisfying(SmppClientException.class,
                        e -> assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVSYSID));
        assertThat(fixture.nextBindEvent()).isEqualTo("refused unknown_system_id");
    }

    @Test
    void submitSmReachesTheHandlerWithItsFields() throws Exception {
        byte[] text = "查询".getBytes(StandardCharsets.UTF_16BE);
        Instant before = Instant.now();
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            SmppStatus status = client.submit(new Submission(new SmppAddress((byte) 1, (byte) 1, "8613800138000"),
                    new SmppAddress((byte) 0, (byte) 1, "10086"), (byte) 0x00, (byte) 8, text, null));
            assertThat(status).isEqualTo(SmppStatus.ESME_ROK);
        }
        InboundMessage message = fixture.nextInbound();
        assertThat(message.carrierId()).isEqualTo("china-mobile");
        assertThat(message.source()).isEqualTo(new SmppAddress((byte) 1, (byte) 1, "8613800138000"));
        assertThat(message.destination()).isEqualTo(new SmppAddress((byte) 0, (byte) 1, "10086"));
        assertThat(message.esmClass()).isEqualTo((byte) 0);
        assertThat(message.dataCoding()).isEqualTo((byte) 8);
        assertThat(message.payload()).isEqualTo(text);
        assertThat(message.dataSm()).isFalse();
        assertThat(message.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
    }

    @Test
    void handlersStatusIsAnsweredInSubmitSmResp() throws Exception {
        fixture.answer = m -> Acceptance.NOT_A_SERVICE_NUMBER;
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            assertThat(client.submit("13800138000", "12345", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVDSTADR);
        }
    }

    @Test
    void handlerThatThrowsIsAnsweredWithRsyserr() throws Exception {
        fixture.answer = m -> {
            throw new IllegalStateException("boom");
        };
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            assertThat(client.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RSYSERR);
        }
    }

    @Test
    void submitSmWithEmptyShortMessageHandsOverMessagePayload() throws Exception {
        byte[] payload = "CXMYD".getBytes(StandardCharsets.US_ASCII);
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            client.submit(new Submission(SmppAddress.of("13800138000"), SmppAddress.of("10086"), (byte) 0, (byte) 0,
                    new byte[0], payload));
        }
        assertThat(fixture.nextInbound().payload()).isEqualTo(payload);
    }

    @Test
    void dataSmReachesTheHandlerAndItsStatusComesBack() throws Exception {
        byte[] payload = "cxmyd".getBytes(StandardCharsets.US_ASCII);
        fixture.answer = m -> Acceptance.WORKERS_BUSY;
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSMITTER)) {
            SmppStatus status = client.dataSm(new Submission(SmppAddress.of("13800138000"), SmppAddress.of("10086"),
                    (byte) 0, (byte) 0, null, payload));
            assertThat(status).isEqualTo(SmppStatus.ESME_RTHROTTLED);
        }
        InboundMessage message = fixture.nextInbound();
        assertThat(message.dataSm()).isTrue();
        assertThat(message.payload()).isEqualTo(payload);
        assertThat(message.source().address()).isEqualTo("13800138000");
    }

    @Test
    void submitSmOnAReceiverBindIsRefusedWithRinvbndsts() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_RECEIVER)) {
            byte[] submit = Pdus.submitSm(5, "13800138000", "10086", new byte[] {'x'});
            raw.write(submit);
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RINVBNDSTS.code());
            assertThat(resp.sequence()).isEqualTo(5);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void deliverReachesTheReceiverWithUcs2AndNoReceiptRequested() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            fixture.nextBindEvent();
            OutboundPart part = new OutboundPart("china-mobile", SmppAddress.of("10086"),
                    new SmppAddress((byte) 1, (byte) 1, "8613800138000"), (byte) 0, (byte) 8,
                    "你好".getBytes(StandardCharsets.UTF_16BE), null, null);

            assertThat(fixture.server.links().deliver(part)).isEqualTo(DeliveryResult.DELIVERED);

            ReceivedReply reply = client.awaitReply(WAIT).orElseThrow();
            assertThat(reply.text()).isEqualTo("你好");
            assertThat(reply.source().address()).isEqualTo("10086");
            assertThat(reply.destination()).isEqualTo(new SmppAddress((byte) 1, (byte) 1, "8613800138000"));
            ReceivedPart received = client.receivedParts().get(0);
            assertThat(received.dataCoding()).isEqualTo((byte) 8);
            assertThat(received.registeredDelivery()).isEqualTo((byte) 0);
            assertThat(received.sar()).isNull();
        }
    }

    @Test
    void sarPartsAndMessagePayloadAreSentAsTlvs() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            fixture.nextBindEvent();
            for (int seq = 1; seq <= 2; seq++) {
                OutboundPart part = new OutboundPart("china-mobile", SmppAddress.of("10086"),
                        SmppAddress.of("13800138000"), (byte) 0, (byte) 8,
                        (seq == 1 ? "第一" : "第二").getBytes(StandardCharsets.UTF_16BE),
                        new Sar(300, 2, seq), null);
                assertThat(fixture.server.links().deliver(part)).isEqualTo(DeliveryResult.DELIVERED);
            }
            byte[] whole = "整条".getBytes(StandardCharsets.UTF_16BE);
            assertThat(fixture.server.links().deliver(new OutboundPart("china-mobile", SmppAddress.of("10086"),
                    SmppAddress.of("13800138000"), (byte) 0, (byte) 8, new byte[0], null, whole)))
                    .isEqualTo(DeliveryResult.DELIVERED);

            assertThat(client.awaitReply(WAIT).orElseThrow()).extracting(ReceivedReply::text, ReceivedReply::parts)
                    .containsExactly("第一第二", 2);
            assertThat(client.awaitReply(WAIT).orElseThrow().text()).isEqualTo("整条");
            assertThat(client.receivedParts().get(1).sar()).isEqualTo(new ReceivedPart.Sar(300, 2, 2));
            assertThat(client.receivedParts().get(2).messagePayload()).isEqualTo(whole);
        }
    }

    @Test
    void deliveriesGoRoundRobinOverTheCarriersReceivers() throws Exception {
        try (SmppClient first = fixture.bindMobile(BindMode.RECEIVER);
                SmppClient second = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            fixture.nextBindEvent();
            fixture.nextBindEvent();
            for (int i = 0; i < 4; i++) {
                assertThat(fixture.server.links().deliver(part("r" + i))).isEqualTo(DeliveryResult.DELIVERED);
            }
            assertThat(first.deliveriesReceived()).isEqualTo(2);
            assertThat(second.deliveriesReceived()).isEqualTo(2);
        }
    }

    @Test
    void transmitterOnlyCarrierHasNoBindForDeliveries() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSMITTER)) {
            assertThat(fixture.nextBindEvent()).isEqualTo("bound china-mobile transmitter");
            assertThat(fixture.server.links().canDeliver("china-mobile")).isFalse();
            assertThat(fixture.server.links().deliver(part("x"))).isEqualTo(DeliveryResult.NO_BIND);
        }
    }

    @Test
    void deliverAnsweredWithThrottledIsRejectedWithThatStatus() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            fixture.nextBindEvent();
            client.answerDeliveries(i -> i == 0 ? SmppStatus.ESME_RTHROTTLED : SmppStatus.ESME_ROK);

            DeliveryResult first = fixture.server.links().deliver(part("x"));
            assertThat(first).isEqualTo(DeliveryResult.rejected(SmppStatus.ESME_RTHROTTLED));
            assertThat(first.retryable()).isTrue();
            assertThat(fixture.server.links().deliver(part("x"))).isEqualTo(DeliveryResult.DELIVERED);
        }
    }

    @Test
    void receiverThatDoesNotAnswerDeliverSmTimesOut() throws Exception {
        try (ServerFixture quick = new ServerFixture(
                SmppServerOptions.builder().responseTimeout(Duration.ofMillis(300)));
                RawSmppSocket raw = quick.rawBound(Pdus.BIND_RECEIVER)) {
            assertThat(quick.server.links().deliver(part("x"))).isEqualTo(DeliveryResult.TIMEOUT);
            assertThat(raw.read(WAIT).commandId()).isEqualTo(Pdus.DELIVER_SM);
        }
    }

    @Test
    void enquireLinkFromThePeerIsAnswered() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.enquireLink(7));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.ENQUIRE_LINK | Pdus.RESP);
            assertThat(resp.status()).isZero();
            assertThat(resp.sequence()).isEqualTo(7);
        }
    }

    @Test
    void unbindFromThePeerIsAnsweredThenTheConnectionCloses() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.pdu(Pdus.UNBIND, 0, 9, new byte[0]));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.UNBIND | Pdus.RESP);
            assertThat(resp.status()).isZero();
            assertThat(resp.sequence()).isEqualTo(9);
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
        assertThat(fixture.nextBindEvent()).isEqualTo("unbound china-mobile transceiver");
    }

    @Test
    void idleBindIsProbedWithEnquireLinkAndDroppedWhenSilent() throws Exception {
        try (ServerFixture quick = new ServerFixture(SmppServerOptions.builder()
                .enquireLinkInterval(Duration.ofMillis(200)).responseTimeout(Duration.ofMillis(300)));
                RawSmppSocket raw = quick.rawBound(Pdus.BIND_TRANSCEIVER)) {
            assertThat(raw.read(WAIT).commandId()).isEqualTo(Pdus.ENQUIRE_LINK);
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
            assertThat(quick.nextBindEvent()).isEqualTo("unbound china-mobile transceiver");
            assertThat(quick.server.links().canDeliver("china-mobile")).isFalse();
        }
    }

    @Test
    void idleBindThatAnswersEnquireLinkStaysUp() throws Exception {
        try (ServerFixture quick = new ServerFixture(SmppServerOptions.builder()
                .enquireLinkInterval(Duration.ofMillis(100)).responseTimeout(Duration.ofMillis(500)));
                RawSmppSocket raw = quick.rawBound(Pdus.BIND_TRANSCEIVER)) {
            for (int i = 0; i < 3; i++) {
                RawSmppSocket.Pdu probe = raw.read(WAIT);
                assertThat(probe.commandId()).isEqualTo(Pdus.ENQUIRE_LINK);
                raw.write(Pdus.pdu(Pdus.ENQUIRE_LINK | Pdus.RESP, 0, probe.sequence(), new byte[0]));
            }
            assertThat(quick.server.links().canDeliver("china-mobile")).isTrue();
        }
    }

    @Test
    void connectionThatNeverBindsIsClosedAfterTheBindTimeout() throws Exception {
        try (ServerFixture quick = new ServerFixture(SmppServerOptions.builder().bindTimeout(Duration.ofMillis(300)));
                RawSmppSocket raw = quick.raw()) {
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void requestBeforeBindIsAnsweredWithRinvbndstsAndTheBindStillWorks() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.submitSm(3, "13800138000", "10086", new byte[] {'x'}));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RINVBNDSTS.code());
            assertThat(resp.sequence()).isEqualTo(3);

            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 4, "cmcc", "cm-pass1"));
            RawSmppSocket.Pdu bindResp = raw.read(WAIT);
            assertThat(bindResp.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER | Pdus.RESP);
            assertThat(bindResp.status()).isZero();
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void closeUnbindsEveryBind() throws Exception {
        SmppClient client = fixture.bindMobile(BindMode.TRANSMITTER_AND_RECEIVER);
        fixture.nextBindEvent();
        fixture.nextBindEvent();

        fixture.server.close();

        assertThat(List.of(fixture.nextBindEvent(), fixture.nextBindEvent())).containsExactlyInAnyOrder(
                "unbound china-mobile transmitter", "unbound china-mobile receiver");
        assertThat(fixture.server.isListening()).isFalse();
        client.close();
    }

    private static OutboundPart part(String text) {
        return new OutboundPart(MOBILE.id(), SmppAddress.of("10086"), SmppAddress.of("13800138000"), (byte) 0,
                (byte) 8, text.getBytes(StandardCharsets.UTF_16BE), null, null);
    }
}

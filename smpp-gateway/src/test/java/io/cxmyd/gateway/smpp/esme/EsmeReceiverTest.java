package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.junit.jupiter.api.Test;

/** What the SMSC's deliver_sm become: a query for the handler, a refusal status, or a counted receipt. */
class EsmeReceiverTest {

    private final List<InboundMessage> handled = new ArrayList<>();
    private final List<String> receipts = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final ReceiptLedger ledger = new ReceiptLedger(100, Duration.ofHours(1), now::get);
    private final EsmeEvents events = new EsmeEvents() {
        @Override
        public void receipt(String carrierId, ReceiptState state, boolean matched) {
            receipts.add(state.label() + (matched ? "" : " unmatched"));
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T01:30:00Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final DeliverSmResponses responses = new DeliverSmResponses();

    {
        responses.writeTo(wire);
    }

    private void deliver(EsmeReceiver receiver, DeliverSm sm) throws ProcessRequestException {
        receiver.deliverSm(sm, responses);
    }

    /** The command_status of the one deliver_sm_resp written for sequence 7, then clears the wire. */
    private int answered() {
        ByteBuffer pdu = ByteBuffer.wrap(wire.toByteArray());
        assertThat(pdu.remaining()).as("one response PDU").isEqualTo(pdu.getInt(0));
        assertThat(pdu.getInt(4)).isEqualTo(0x80000005);
        assertThat(pdu.getInt(12)).isEqualTo(7);
        wire.reset();
        return pdu.getInt(8);
    }

    private EsmeReceiver receiver(Acceptance answer) {
        return new EsmeReceiver("china-mobile", m -> {
            handled.add(m);
            return answer;
        }, ledger, events, clock);
    }

    private static DeliverSm deliverSm(byte esmClass, String text) {
        DeliverSm sm = new DeliverSm();
        sm.setSourceAddrTon((byte) 1);
        sm.setSourceAddrNpi((byte) 1);
        sm.setSourceAddr("8613800138000");
        sm.setDestAddress("10086");
        sm.setEsmClass(esmClass);
        sm.setShortMessage(text.getBytes(StandardCharsets.US_ASCII));
        sm.setSequenceNumber(7);
        return sm;
    }

    @Test
    void aSubscribersMessageGoesToTheHandlerAsReceived() throws Exception {
        deliver(receiver(Acceptance.ACCEPTED), deliverSm((byte) 0, "CXMYD"));

        assertThat(handled).singleElement().satisfies(m -> {
            assertThat(m.carrierId()).isEqualTo("china-mobile");
            assertThat(m.source().address()).isEqualTo("8613800138000");
            assertThat(m.source().ton()).isEqualTo((byte) 1);
            assertThat(m.destination().address()).isEqualTo("10086");
            assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("CXMYD");
            assertThat(m.receivedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void anAcceptedMessageIsAnsweredOnceByTheReceiverAndJsmppsOwnResponseIsSkipped() throws Exception {
        deliver(receiver(Acceptance.ACCEPTED), deliverSm((byte) 0, "CXMYD"));
        assertThat(answered()).isZero();

        // What jsmpp writes when the listener returns: skipped once, then written again for a new deliver_sm.
        responses.sendDeliverSmResp(wire, 0, 7, null);
        assertThat(wire.size()).isZero();
        responses.sendDeliverSmResp(wire, 0, 7, null);
        assertThat(answered()).isZero();
    }

    @Test
    void theQuerysWorkStartsOnlyAfterItsResponseIsWritten() throws Exception {
        List<Integer> wireWhenWorkStarted = new ArrayList<>();
        EsmeReceiver receiver = new EsmeReceiver("china-mobile", new io.cxmyd.gateway.message.MessageIntake() {
            @Override
            public Acceptance offer(InboundMessage m) {
                throw new AssertionError("the receiver must not wait");
            }

            @Override
            public io.cxmyd.gateway.message.Answer offerLater(InboundMessage m) {
                return io.cxmyd.gateway.message.Answer.later(
                        java.util.concurrent.CompletableFuture.completedFuture(Acceptance.ACCEPTED),
                        () -> wireWhenWorkStarted.add(wire.size()));
            }
        }, ledger, events, clock);

        deliver(receiver, deliverSm((byte) 0, "CXMYD"));

        assertThat(wireWhenWorkStarted).containsExactly(17);
    }

    @Test
    void aQueryNotDurablyAcceptedIsAnsweredTryAgainLater() throws Exception {
        for (Acceptance a : new Acceptance[] {Acceptance.JOURNAL_SLOW, Acceptance.JOURNAL_FAILED,
            Acceptance.NOT_TAKING, Acceptance.INTERNAL_ERROR}) {
            deliver(receiver(a), deliverSm((byte) 0, "CXMYD"));
            assertThat(answered()).as(a.name()).isEqualTo(0x64);
        }
    }

    @Test
    void otherRefusalsKeepTheirStatus() throws Exception {
        deliver(receiver(Acceptance.NOT_A_SERVICE_NUMBER), deliverSm((byte) 0, "x"));
        assertThat(answered()).isEqualTo(SmppStatus.ESME_RINVDSTADR.code());
        deliver(receiver(Acceptance.REPLIES_BACKLOGGED), deliverSm((byte) 0, "x"));
        assertThat(answered()).isEqualTo(SmppStatus.ESME_RTHROTTLED.code());
        // A refusal is written as jsmpp writes one: the header alone.
        deliver(receiver(Acceptance.NOT_TAKING), deliverSm((byte) 0, "x"));
        assertThat(wire.size()).isEqualTo(16);
    }

    @Test
    void beforeThePathIsAttachedMessagesAreRefusedForLater() {
        EsmeReceiver unattached = new EsmeReceiver("china-mobile", null, ledger, events, clock);
        assertThatThrownBy(() -> deliver(unattached, deliverSm((byte) 0, "CXMYD")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(0x64));
    }

    @Test
    void aFailingHandlerMeansTryAgainLater() {
        EsmeReceiver failing = new EsmeReceiver("china-mobile", m -> {
            throw new IllegalStateException("boom");
        }, ledger, events, clock);
        assertThatThrownBy(() -> deliver(failing, deliverSm((byte) 0, "CXMYD")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(SmppStatus.ESME_RX_T_APPN.code()));
    }

    @Test
    void aReceiptIsNeverAQueryEvenWhenItsTextHoldsTheKeyword() throws Exception {
        ledger.sent("0000abcd", new ReceiptLedger.Sent("china-mobile", 0));

        deliver(receiver(Acceptance.ACCEPTED), deliverSm((byte) 0x04,
                "id:43981 sub:001 dlvrd:001 submit date:2611210930 done date:2611210931 stat:DELIVRD err:000 text:CXMYD"));

        assertThat(handled).isEmpty();
        assertThat(receipts).containsExactly("delivered");
        assertThat(wire.size()).as("jsmpp answers a receipt when the listener returns").isZero();
    }

    @Test
    void receiptTlvsWinAndAnIdNeverFiledIsCountedUnmatchedAfterItsHold() throws Exception {
        DeliverSm sm = deliverSm((byte) 0x04, "id:1 stat:DELIVRD");
        sm.setOptionalParameters(new OptionalParameter.Receipted_message_id("ffff"),
                new OptionalParameter.Message_state((byte) 5));
        EsmeReceiver receiver = receiver(Acceptance.ACCEPTED);

        deliver(receiver, sm);
        assertThat(receipts).as("held: its submit_sm_resp may still come").isEmpty();
        now.addAndGet(ReceiptLedger.HOLD.toNanos());
        deliver(receiver, deliverSm((byte) 0x04, "id:eeee stat:DELIVRD"));

        assertThat(handled).isEmpty();
        assertThat(receipts).containsExactly("unknown unmatched");
    }

    @Test
    void aReceiptThatOvertookItsSubmitSmRespIsMatchedWhenTheResponseIsFiled() throws Exception {
        deliver(receiver(Acceptance.ACCEPTED), deliverSm((byte) 0x04, "id:4660 stat:DELIVRD"));

        assertThat(ledger.sent("1234", new ReceiptLedger.Sent("china-mobile", 0))).contains(ReceiptState.DELIVERED);
    }

    /** A deliver_sm as an SMSC writes it, sequence 7, from 8613800138000 to 10086. */
    static byte[] deliverSmPdu(byte esmClass, String text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1, 1}); // service_type "", source TON, NPI
        body.writeBytes("8613800138000\0".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {0, 0});
        body.writeBytes("10086\0".getBytes(StandardCharsets.US_ASCII));
        // esm_class, protocol_id, priority, schedule "", validity "", registered, replace, data_coding, default id
        body.writeBytes(new byte[] {esmClass, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] sm = text.getBytes(StandardCharsets.US_ASCII);
        body.write(sm.length);
        body.writeBytes(sm);
        ByteBuffer pdu = ByteBuffer.allocate(16 + body.size());
        pdu.putInt(16 + body.size()).putInt(0x00000005).putInt(0).putInt(7).put(body.toByteArray());
        return pdu.array();
    }

    @Test
    void onTheReaderThreadAnAcceptedMessageIsAnsweredOnceAndNothingIsLeftForJsmppToSkip() throws Exception {
        EsmeReceiver receiver = receiver(Acceptance.ACCEPTED);

        assertThat(receiver.takeDeliverSm(deliverSmPdu((byte) 0, "CXMYD"), responses)).isTrue();

        assertThat(handled).singleElement().satisfies(m -> {
            assertThat(m.source().address()).isEqualTo("8613800138000");
            assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("CXMYD");
        });
        assertThat(answered()).isZero();
        // jsmpp never saw it, so no response of its own may be skipped for sequence 7 later.
        responses.sendDeliverSmResp(wire, 0, 7, null);
        assertThat(answered()).isZero();
    }

    @Test
    void onTheReaderThreadReceiptsRefusalsAndFailuresAreAnsweredThere() {
        ledger.sent("0000abcd", new ReceiptLedger.Sent("china-mobile", 0));
        assertThat(receiver(Acceptance.ACCEPTED).takeDeliverSm(deliverSmPdu((byte) 0x04, "id:43981 stat:DELIVRD"),
                responses)).isTrue();
        assertThat(handled).isEmpty();
        assertThat(receipts).containsExactly("delivered");
        assertThat(answered()).as("a receipt").isZero();

        receiver(Acceptance.NOT_A_SERVICE_NUMBER).takeDeliverSm(deliverSmPdu((byte) 0, "x"), responses);
        assertThat(answered()).isEqualTo(SmppStatus.ESME_RINVDSTADR.code());

        new EsmeReceiver("china-mobile", null, ledger, events, clock).takeDeliverSm(deliverSmPdu((byte) 0, "x"),
                responses);
        assertThat(answered()).as("before the path is attached").isEqualTo(0x64);

        EsmeReceiver failing = new EsmeReceiver("china-mobile", m -> {
            throw new IllegalStateException("boom");
        }, ledger, events, clock);
        assertThat(failing.takeDeliverSm(deliverSmPdu((byte) 0, "CXMYD"), responses)).isTrue();
        assertThat(answered()).isEqualTo(SmppStatus.ESME_RX_T_APPN.code());
    }

    @Test
    void aDeliverSmThatDoesNotDecodeIsLeftToJsmppWithNothingWritten() {
        byte[] cut = java.util.Arrays.copyOf(deliverSmPdu((byte) 0, "CXMYD"), 24);
        ByteBuffer.wrap(cut).putInt(0, cut.length);

        assertThat(receiver(Acceptance.ACCEPTED).takeDeliverSm(cut, responses)).isFalse();
        assertThat(handled).isEmpty();
        assertThat(wire.size()).isZero();
    }
}
